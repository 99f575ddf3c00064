"use client";

import type { ReactNode } from "react";
import { BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { formatCount } from "../ui/format";
import { AXIS_COLOR, GRID_COLOR, TOOLTIP_STYLES } from "./chart-colors";
import { bucketLabel, bucketTick } from "./time-format";

/** Ticks at local midnights for hourly buckets over several days, else let Recharts choose. */
const dayTicks = (dto: TDashboardDto, times: readonly string[]): string[] | undefined =>
  dto.bucket === "hour" && dto.range !== "24h" ? times.filter((t) => new Date(t).getHours() === 0) : undefined;

type Props = Readonly<{
  dto: TDashboardDto;
  /** One point per bucket, `t` its start. */
  data: readonly Readonly<{ t: string }>[];
  yAxisWidth: number;
  /** The tooltip's name of a series (a Bar's name or dataKey). */
  seriesLabel?: (name: string) => string;
  /** The Bars (and a Legend). */
  children: ReactNode;
}>;

/** Counts per time bucket of the dashboard's range as bars: the axes, grid and tooltip the time charts share. */
export function TimeBarChart({ dto, data, yAxisWidth, seriesLabel = (name) => name, children }: Props) {
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
        <YAxis allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} stroke={AXIS_COLOR} fontSize={12} width={yAxisWidth} />
        <Tooltip
          labelFormatter={(t) => bucketLabel(String(t), dto.bucket)}
          formatter={(value, name) => [formatCount(Number(value)), seriesLabel(String(name))]}
          {...TOOLTIP_STYLES}
        />
        {children}
      </BarChart>
    </ResponsiveContainer>
  );
}
