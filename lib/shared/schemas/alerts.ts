import { z } from "zod";
import { ZIpRangeDto } from "./ip-ranges";
import { SEVERITIES, type TSeverity } from "./policies";
import { ZAlertProxySession, type TAlertProxySession } from "./session-alerts";

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

/** newest (created, default), oldest, severity (high first, then newest), last_activity (latest activity first). */
export const ALERT_SORTS = ["newest", "oldest", "severity", "last_activity"] as const;

/** Triage filters, added to ZAlertListQuery's: assignee = a portal user id, "me" or "unassigned". */
export const ZAlertAssigneeFilter = z.union([z.literal("me"), z.literal("unassigned"), z.uuid()], {
  error: 'assignee must be a user id, "me" or "unassigned"',
});
export const ZAlertSort = z.enum(ALERT_SORTS, { error: `sort must be one of ${ALERT_SORTS.join(", ")}` });
export type TAlertSort = z.infer<typeof ZAlertSort>;

/** GET /api/v1/alerts: status and severity take one value, a comma-separated list or repeated params. */
export const ZAlertListQuery = z
  .object({
    status: z.preprocess(toList, z.array(ZAlertStatus).max(4)).optional(),
    severity: z.preprocess(toList, z.array(z.enum(SEVERITIES, { error: "Severity must be low, medium or high" })).max(3)).optional(),
    /** Built-in key or custom:<policy id>. */
    policyKey: z.string().trim().regex(/^([a-z_]{1,40}|(custom|session):[0-9a-f-]{36})$/, "policyKey must be a built-in key such as impossible_travel, custom:<policy id> or session:<session policy id>").optional(),
    /** Account id or email (exact, case-insensitive). */
    user: z.string().trim().min(1).max(200).optional(),
    connectorId: z.uuid({ error: "connectorId must be a connector id" }).optional(),
    /** Alerts whose activities overlap [from, to). */
    from: ZIsoInstant("from").optional(),
    to: ZIsoInstant("to").optional(),
    /** A portal user id, "me" or "unassigned". */
    assignee: ZAlertAssigneeFilter.optional(),
    sort: ZAlertSort.default("newest"),
    /** Only valid with the sort it was returned for. */
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

/** GET /api/v1/alerts: a page, the next page's cursor and the number of alerts per status under the other filters. */
export type TAlertListDto = Readonly<{ data: TAlertListItemDto[]; nextCursor: string | null; counts: TAlertCounts }>;

// ---- Triage (issue 7) ----

export const ALERT_CLASSIFICATIONS = ["true_positive", "benign_true_positive", "false_positive"] as const;
export const ZAlertClassification = z.enum(ALERT_CLASSIFICATIONS, { error: `Classification must be one of ${ALERT_CLASSIFICATIONS.join(", ")}` });
export type TAlertClassification = z.infer<typeof ZAlertClassification>;
export const ALERT_CLASSIFICATION_LABELS: Record<TAlertClassification, string> = {
  true_positive: "True positive",
  benign_true_positive: "Benign true positive",
  false_positive: "False positive",
};

/** Allowed status changes; resolved and dismissed alerts can only be reopened. */
export const ALERT_TRANSITIONS: Record<TAlertStatus, readonly TAlertStatus[]> = {
  open: ["in_progress", "resolved", "dismissed"],
  in_progress: ["open", "resolved", "dismissed"],
  resolved: ["open"],
  dismissed: ["open"],
};

/** PATCH /api/v1/alerts/{id} (analyst or admin). Resolving needs a classification; resolving or dismissing needs a reason. */
export const ZAlertPatchInput = z
  .object({
    status: ZAlertStatus.optional(),
    /** A portal user (analyst or admin), or null to unassign. */
    assigneeId: z.uuid({ error: "assigneeId must be a user id or null" }).nullable().optional(),
    classification: ZAlertClassification.optional(),
    reason: z.string().trim().min(1, "reason must not be empty").max(2000, "reason must be at most 2000 characters").optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { error: "Nothing to change: send status, assigneeId, classification or reason" })
  .refine((p) => p.status !== "resolved" || p.classification !== undefined, { error: "Resolving needs a classification", path: ["classification"] })
  .refine((p) => !(p.status === "resolved" || p.status === "dismissed") || p.reason !== undefined, {
    error: "Resolving or dismissing needs a reason",
    path: ["reason"],
  });
export type TAlertPatchInput = z.infer<typeof ZAlertPatchInput>;

/** POST /api/v1/alerts/bulk: the same change applied to up to 500 alerts; each alert succeeds or fails alone. */
export const ZAlertBulkInput = z
  .object({
    ids: z.array(z.uuid({ error: "ids must be alert ids" })).min(1, "Select at least one alert").max(500, "At most 500 alerts at once"),
    status: ZAlertStatus.optional(),
    assigneeId: z.uuid({ error: "assigneeId must be a user id or null" }).nullable().optional(),
    classification: ZAlertClassification.optional(),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .refine((p) => p.status !== undefined || p.assigneeId !== undefined, { error: "Send status or assigneeId" })
  .refine((p) => p.status !== "resolved" || p.classification !== undefined, { error: "Resolving needs a classification", path: ["classification"] })
  .refine((p) => !(p.status === "resolved" || p.status === "dismissed") || p.reason !== undefined, {
    error: "Resolving or dismissing needs a reason",
    path: ["reason"],
  });
export type TAlertBulkInput = z.infer<typeof ZAlertBulkInput>;
export type TAlertBulkResult = Readonly<{ updated: number; failed: { id: string; message: string }[] }>;

/** POST /api/v1/alerts/{id}/comments */
export const ZAlertCommentInput = z
  .object({ body: z.string({ error: "body is required" }).trim().min(1, "Write a comment").max(5000, "Comments are at most 5000 characters") })
  .strict();

/** The policies whose alerts "This is our egress" can explain (an IP's location or reputation). */
export const EGRESS_POLICY_KEYS = ["impossible_travel", "infrequent_country", "anonymous_ip", "suspicious_ip"] as const;
export const isEgressPolicyKey = (key: string): boolean => (EGRESS_POLICY_KEYS as readonly string[]).includes(key);

/** POST /api/v1/alerts/{id}/egress: "this is our egress" – the alert's IPs become a named Corporate/VPN range. */
export const ZAlertEgressInput = z
  .object({
    name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(120),
    category: z.enum(["corporate", "vpn"], { error: "Category must be corporate or vpn" }),
    /** Default: the alert's public IPs, each widened to its /24 (IPv4) or /64 (IPv6). */
    cidrs: z.array(z.string().trim().min(1).max(60)).min(1).max(100).optional(),
    expiresAt: z.iso.datetime({ offset: true, error: "expiresAt must be an ISO 8601 date-time" }),
  })
  .strict()
  .refine((p) => Date.parse(p.expiresAt) > Date.now(), { error: "expiresAt must be in the future", path: ["expiresAt"] });

export type TPortalUserRef = Readonly<{ id: string; name: string; email: string }>;

export type TAlertCommentDto = Readonly<{ id: string; author: { id: string | null; name: string; email: string }; body: string; createdAt: string }>;

/** History kinds: created, status_changed, assigned, classified, commented, action_requested, egress_marked, reevaluated. */
export type TAlertEventDto = Readonly<{
  id: string;
  at: string;
  actor: { id: string | null; name: string | null; email: string | null } | null;
  kind: string;
  detail: Record<string, unknown>;
}>;

/** The alert's incident (issue 25); null for an alert without an Atlassian account. Re-exported by schemas/incidents. */
export const ZAlertIncidentRef = z.object({ id: z.string(), alertCount: z.number().int(), status: ZAlertStatus, severity: z.enum(SEVERITIES) }).nullable();
export type TAlertIncidentRef = z.infer<typeof ZAlertIncidentRef>;

/** Added to every alert DTO by issue 7 (incident: issue 25). */
export type TAlertTriageFields = Readonly<{
  assignee: TPortalUserRef | null;
  classification: TAlertClassification | null;
  resolutionReason: string | null;
  resolvedAt: string | null;
  incident: TAlertIncidentRef;
}>;

/** GET /api/v1/alerts/{id}: the alert plus comments, history and the user's context. */
export type TAlertDetailDto = TAlertDto &
  TAlertTriageFields &
  Readonly<{
    comments: TAlertCommentDto[];
    history: TAlertEventDto[];
    context: {
      /** From the synced directory; null when the user is not in it. */
      isAdmin: boolean | null;
      userStatus: string | null;
      countriesSeen: { countryCode: string; firstSeenAt: string; lastSeenAt: string }[];
      recentAlerts: { id: string; title: string; severity: TSeverity; status: TAlertStatus; createdAt: string }[];
    };
    /** A session-policy alert's proxied session as it is now (End session); null for other alerts or an unknown session. */
    proxySession: TAlertProxySession | null;
  }>;

/** GET /api/v1/alerts adds, beside data and nextCursor, how many alerts each status has under the other filters. */
export type TAlertCounts = Record<TAlertStatus, number>;

/** One row of GET /api/v1/alerts: the alert and its triage fields. */
export type TAlertListItemDto = TAlertDto & TAlertTriageFields;

export type TAlertCommentInput = z.infer<typeof ZAlertCommentInput>;
export type TAlertEgressInput = z.infer<typeof ZAlertEgressInput>;

/** GET /api/v1/alerts/assignees: enabled analysts and admins, for the assign picker. */
export type TAlertAssigneeDto = TPortalUserRef & Readonly<{ role: "analyst" | "admin" }>;

/** POST /api/v1/alerts/{id}/egress: the range created and the open alerts it dismissed. */
export type TAlertEgressResult = Readonly<{ range: z.infer<typeof ZIpRangeDto>; reevaluated: { dismissed: number; alertIds: string[] } }>;

// Response schemas of the triage endpoints (the OpenAPI document is generated from them).
const ZPortalUserRef = z.object({ id: z.string(), name: z.string(), email: z.string() });
const ZTimestamp = z.string().describe("ISO 8601 date-time");

export const ZAlertTriageFields = z.object({
  assignee: ZPortalUserRef.nullable(),
  classification: ZAlertClassification.nullable(),
  resolutionReason: z.string().nullable(),
  /** When the alert was resolved or dismissed; null while open or in progress. */
  resolvedAt: ZTimestamp.nullable(),
  incident: ZAlertIncidentRef,
});
export const ZAlertListItemDto = ZAlertDto.extend(ZAlertTriageFields.shape);
export const ZAlertCounts = z.object({ open: z.number().int(), in_progress: z.number().int(), resolved: z.number().int(), dismissed: z.number().int() });
export const ZAlertListDto = z.object({ data: z.array(ZAlertListItemDto), nextCursor: z.string().nullable(), counts: ZAlertCounts });

export const ZAlertCommentDto = z.object({
  id: z.string(),
  author: z.object({ id: z.string().nullable(), name: z.string(), email: z.string() }),
  body: z.string(),
  createdAt: ZTimestamp,
});
export const ZAlertEventDto = z.object({
  id: z.string(),
  at: ZTimestamp,
  actor: z.object({ id: z.string().nullable(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  kind: z.string().describe("created, status_changed, assigned, classified, commented, action_requested, egress_marked, reevaluated"),
  detail: z.record(z.string(), z.unknown()),
});
export const ZAlertDetailDto = ZAlertListItemDto.extend({
  comments: z.array(ZAlertCommentDto),
  history: z.array(ZAlertEventDto),
  context: z.object({
    isAdmin: z.boolean().nullable(),
    userStatus: z.string().nullable(),
    countriesSeen: z.array(z.object({ countryCode: z.string(), firstSeenAt: ZTimestamp, lastSeenAt: ZTimestamp })),
    recentAlerts: z.array(z.object({ id: z.string(), title: z.string(), severity: z.enum(SEVERITIES), status: ZAlertStatus, createdAt: ZTimestamp })),
  }),
  proxySession: ZAlertProxySession.nullable(),
});
export const ZAlertBulkResult = z.object({ updated: z.number().int(), failed: z.array(z.object({ id: z.string(), message: z.string() })) });
export const ZAlertAssigneeList = z.object({ data: z.array(ZPortalUserRef.extend({ role: z.enum(["analyst", "admin"]) })) });
export const ZAlertEgressResult = z.object({ range: ZIpRangeDto, reevaluated: z.object({ dismissed: z.number().int(), alertIds: z.array(z.string()) }) });
