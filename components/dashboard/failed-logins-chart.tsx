"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { formatCount } from "../ui/format";
import { dayTicks } from "./activity-over-time-chart";
import { AXIS_COLOR, FAILED_COLOR, GRID_COLOR } from "./chart-colors";
import { bucketLabel, bucketTick } from "./time-format";

/** Failed logins (user_login_failed) per bucket. */
export function FailedLoginsChart({ dto }: Readonly<{ dto: TDashboardDto }>) {
  const data = dto.failedLoginsOverTime;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={[...data]} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID_COLOR} />
        <XAxis
          dataKey="t"
          ticks={dayTicks(dto, data.map((d) => d.t))}
          tickFormatter={(t: string) => bucketTick(t, dto.bucket, dto.range)}
          stroke={AXIS_COLOR}
          fontSize={12}
          minTickGap={16}
        />
        <YAxis allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} stroke={AXIS_COLOR} fontSize={12} width={48} />
        <Tooltip
          labelFormatter={(t) => bucketLabel(String(t), dto.bucket)}
          formatter={(value) => [formatCount(Number(value)), "Failed logins"]}
          contentStyle={{ fontSize: 12, borderRadius: 6 }}
        />
        <Bar dataKey="count" name="Failed logins" fill={FAILED_COLOR} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
