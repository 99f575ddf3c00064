"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TSecureScoreDto } from "@/lib/shared/schemas/posture";
import { AXIS_COLOR as AXIS, BAR_COLOR as LINE, GRID_COLOR as GRID, TOOLTIP_STYLES } from "../dashboard/chart-colors";
import { formatDate, formatDateTime, LOCALE } from "../ui/format";

/** The score over time (one point per evaluation), 0–100 %. */
export function ScoreTrendChart({ history }: Readonly<{ history: TSecureScoreDto["history"] }>) {
  const data = history.map((h) => ({ t: new Date(h.at).getTime(), score: h.score }));
  // Within two days the dates repeat: show times instead.
  const isShort = data.length > 0 && (data[data.length - 1]?.t ?? 0) - (data[0]?.t ?? 0) < 2 * 86_400_000;
  const tick = (t: number) => (isShort ? new Date(t).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" }) : formatDate(new Date(t).toISOString()));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={tick} stroke={AXIS} fontSize={12} minTickGap={24} />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} stroke={AXIS} fontSize={12} width={44} />
        <Tooltip labelFormatter={(t) => formatDateTime(new Date(Number(t)).toISOString())} formatter={(value) => [`${Number(value)}%`, "Secure score"]} {...TOOLTIP_STYLES} />
        <Line type="stepAfter" dataKey="score" stroke={LINE} strokeWidth={2} dot={data.length < 30} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
