"use client";

import { Bar, Legend } from "recharts";
import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { productColor, productLabel } from "./chart-colors";
import { TimeBarChart } from "./time-bar-chart";

/** Activities per bucket, stacked by product. */
export function ActivityOverTimeChart({ dto }: Readonly<{ dto: TDashboardDto }>) {
  const data = dto.activityOverTime.map((p) => ({ t: p.t, ...Object.fromEntries(dto.products.map((product) => [product, p.counts[product] ?? 0])) }));
  return (
    <TimeBarChart dto={dto} data={data} yAxisWidth={56} seriesLabel={productLabel}>
      <Legend formatter={(value: string) => productLabel(value)} wrapperStyle={{ fontSize: 12 }} />
      {dto.products.map((product, i) => (
        <Bar key={product} dataKey={product} stackId="products" fill={productColor(product, i)} isAnimationActive={false} />
      ))}
    </TimeBarChart>
  );
}
