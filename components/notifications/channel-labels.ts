import type { TPolicyDto } from "@/lib/shared/schemas/policies";
import type { TChannelDto } from "@/lib/shared/schemas/notifications";

export const SEVERITY_LABELS = { low: "Low", medium: "Medium", high: "High" } as const;

export const SECURITY_LABELS = { starttls: "STARTTLS (port 587)", tls: "TLS (port 465)", none: "None (local relay only)" } as const;

/** "Medium and above · Impossible travel, Anonymous IP" (policy names when known, else keys). */
export const describeRouting = (channel: Pick<TChannelDto, "minSeverity" | "policyKeys">, policies: readonly TPolicyDto[] = []): string => {
  const severity = channel.minSeverity === "low" ? "Every severity" : channel.minSeverity === "high" ? "High only" : "Medium and above";
  const names = channel.policyKeys.map((key) => policies.find((p) => p.key === key)?.name ?? key);
  return `${severity} · ${names.length ? names.join(", ") : "every policy"}`;
};
