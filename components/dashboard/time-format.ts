import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { LOCALE } from "../ui/format";

/** Axis label of a bucket: local hour ("14:00", with the day at midnight) or the UTC day ("23 Nov"). */
export const bucketTick = (iso: string, bucket: TDashboardDto["bucket"], range: TDashboardDto["range"]): string => {
  const date = new Date(iso);
  if (bucket === "day") return date.toLocaleDateString(LOCALE, { day: "numeric", month: "short", timeZone: "UTC" });
  if (range === "24h") return date.toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
  return date.toLocaleDateString(LOCALE, { day: "numeric", month: "short" });
};

/** Tooltip label of a bucket, precise. */
export const bucketLabel = (iso: string, bucket: TDashboardDto["bucket"]): string => {
  const date = new Date(iso);
  if (bucket === "day") return `${date.toLocaleDateString(LOCALE, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })} (UTC)`;
  return date.toLocaleString(LOCALE, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
};
