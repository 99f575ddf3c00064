"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "../ui/format";
import { AXIS_COLOR, GRID_COLOR, TOOLTIP_STYLES } from "./chart-colors";

export type BarDatum = Readonly<{ key: string; label: string; value: number; href?: string | null }>;

type Props = Readonly<{ data: readonly BarDatum[]; color: string; valueLabel: string; onSelect?: (datum: BarDatum) => void }>;

const truncate = (text: string, max = 22) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A ranked list as horizontal bars (top users, countries, policies); labels on the left, counts in the tooltip. */
export function HorizontalBarChart({ data, color, valueLabel, onSelect }: Props) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={[...data]} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} stroke={GRID_COLOR} />
        <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} stroke={AXIS_COLOR} fontSize={12} />
        <YAxis type="category" dataKey="label" width={150} tickFormatter={(v: string) => truncate(v)} stroke={AXIS_COLOR} fontSize={12} interval={0} />
        <Tooltip
          cursor={{ fill: "#94a3b822" }}
          formatter={(value) => [formatCount(Number(value)), valueLabel]}
          {...TOOLTIP_STYLES}
        />
        <Bar
          dataKey="value"
          name={valueLabel}
          fill={color}
          radius={[0, 3, 3, 0]}
          maxBarSize={28}
          isAnimationActive={false}
          cursor={onSelect ? "pointer" : undefined}
          onClick={onSelect ? (entry) => onSelect(entry.payload as BarDatum) : undefined}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
