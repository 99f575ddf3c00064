"use client";

import { Line, LineChart } from "recharts";

const LINE = "#2f6fed";

/** The priority score at the end of each of the last 7 days, as a tiny line; the label states every value. */
export function PrioritySparkline({ trend }: Readonly<{ trend: readonly number[] }>) {
  const data = trend.map((score, day) => ({ day, score }));
  return (
    <span role="img" aria-label={`Priority over the last 7 days, oldest first: ${trend.join(", ")}`} className="inline-block align-middle">
      <LineChart width={64} height={20} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} accessibilityLayer={false}>
        <Line type="monotone" dataKey="score" stroke={LINE} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
