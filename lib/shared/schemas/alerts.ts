import { z } from "zod";
import { SEVERITIES, type TSeverity } from "./policies";

export const ALERT_STATUSES = ["open", "in_progress", "resolved", "dismissed"] as const;
export const ZAlertStatus = z.enum(ALERT_STATUSES, { error: `Status must be one of ${ALERT_STATUSES.join(", ")}` });
export type TAlertStatus = z.infer<typeof ZAlertStatus>;

export const ALERT_STATUS_LABELS: Record<TAlertStatus, string> = { open: "Open", in_progress: "In progress", resolved: "Resolved", dismissed: "Dismissed" };
export const SEVERITY_LABELS: Record<TSeverity, string> = { low: "Low", medium: "Medium", high: "High" };
export { SEVERITIES };

export type TAlertDto = Readonly<{
  id: string;
  /** Built-in key or "custom:<policy id>". */
  policyKey: string;
  policyName: string;
  severity: TSeverity;
  status: TAlertStatus;
  connectorId: string;
  user: { accountId: string | null; email: string | null; name: string | null };
  title: string;
  explanation: string;
  details: Record<string, unknown>;
  /** Activity ids (the activity log's `id`). */
  activityIds: readonly string[];
  activityCount: number;
  firstActivityAt: string;
  lastActivityAt: string;
  createdAt: string;
  updatedAt: string;
}>;
