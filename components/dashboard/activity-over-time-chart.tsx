"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { formatCount } from "../ui/format";
import { AXIS_COLOR, GRID_COLOR, productColor, productLabel } from "./chart-colors";
import { bucketLabel, bucketTick } from "./time-format";

/** Ticks at local midnights for hourly buckets over several days, else let Recharts choose. */
export const dayTicks = (dto: TDashboardDto, times: readonly string[]): string[] | undefined =>
  dto.bucket === "hour" && dto.range !== "24h" ? times.filter((t) => new Date(t).getHours() === 0) : undefined;

/** Activities per bucket, stacked by product. */
export function ActivityOverTimeChart({ dto }: Readonly<{ dto: TDashboardDto }>) {
  const data = dto.activityOverTime.map((p) => ({ t: p.t, ...Object.fromEntries(dto.products.map((product) => [product, p.counts[product] ?? 0])) }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID_COLOR} />
        <XAxis
          dataKey="t"
          ticks={dayTicks(dto, data.map((d) => d.t))}
          tickFormatter={(t: string) => bucketTick(t, dto.bucket, dto.range)}
          stroke={AXIS_COLOR}
          fontSize={12}
          minTickGap={16}
        />
        <YAxis allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} stroke={AXIS_COLOR} fontSize={12} width={56} />
        <Tooltip
          labelFormatter={(t) => bucketLabel(String(t), dto.bucket)}
          formatter={(value, name) => [formatCount(Number(value)), productLabel(String(name))]}
          contentStyle={{ fontSize: 12, borderRadius: 6 }}
        />
        <Legend formatter={(value: string) => productLabel(value)} wrapperStyle={{ fontSize: 12 }} />
        {dto.products.map((product, i) => (
          <Bar key={product} dataKey={product} stackId="products" fill={productColor(product, i)} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
