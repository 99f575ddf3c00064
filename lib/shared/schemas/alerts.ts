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

const toList = (value: unknown) => (typeof value === "string" ? value.split(",").map((v) => v.trim()).filter(Boolean) : value);
const ZIsoInstant = (name: string) => z.iso.datetime({ offset: true, error: `${name} must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z` });

/** GET /api/v1/alerts: status and severity take one value, a comma-separated list or repeated params. */
export const ZAlertListQuery = z
  .object({
    status: z.preprocess(toList, z.array(ZAlertStatus).max(4)).optional(),
    severity: z.preprocess(toList, z.array(z.enum(SEVERITIES, { error: "Severity must be low, medium or high" })).max(3)).optional(),
    /** Built-in key or custom:<policy id>. */
    policyKey: z.string().trim().regex(/^([a-z_]{1,40}|custom:[0-9a-f-]{36})$/, "policyKey must be a built-in key such as impossible_travel or custom:<policy id>").optional(),
    /** Account id or email (exact, case-insensitive). */
    user: z.string().trim().min(1).max(200).optional(),
    connectorId: z.uuid({ error: "connectorId must be a connector id" }).optional(),
    /** Alerts whose activities overlap [from, to). */
    from: ZIsoInstant("from").optional(),
    to: ZIsoInstant("to").optional(),
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "cursor must be a value returned as nextCursor").optional(),
    limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { error: "from must be before to", path: ["from"] });
export type TAlertListQuery = z.infer<typeof ZAlertListQuery>;

export const ZAlertIdParams = z.object({ id: z.uuid({ error: "Unknown alert id" }) });

export const ZAlertDto = z.object({
  id: z.string(),
  policyKey: z.string(),
  policyName: z.string(),
  severity: z.enum(SEVERITIES),
  status: ZAlertStatus,
  connectorId: z.string(),
  user: z.object({ accountId: z.string().nullable(), email: z.string().nullable(), name: z.string().nullable() }),
  title: z.string(),
  explanation: z.string(),
  details: z.record(z.string(), z.unknown()),
  activityIds: z.array(z.string()),
  activityCount: z.number().int(),
  firstActivityAt: z.string(),
  lastActivityAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ZAlertListDto = z.object({ data: z.array(ZAlertDto), nextCursor: z.string().nullable() });
export type TAlertListDto = Readonly<{ data: TAlertDto[]; nextCursor: string | null }>;
