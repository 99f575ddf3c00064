import { z } from "zod";
import {
  ALERT_STATUSES,
  ZAlertAssigneeFilter,
  ZAlertClassification,
  ZAlertCommentDto,
  ZAlertCommentInput,
  ZAlertEventDto,
  ZAlertPatchInput,
  ZAlertStatus,
  type TAlertClassification,
  type TAlertCommentDto,
  type TAlertEventDto,
  type TAlertStatus,
  type TPortalUserRef,
} from "./alerts";
import { SEVERITIES, type TSeverity } from "./policies";

// Incidents (issue 25): an Atlassian account's alerts within a sliding window, triaged as one.
// Statuses, transitions and classifications are the alerts' (ALERT_STATUSES, ALERT_TRANSITIONS).

export const INCIDENT_WINDOW_HOURS = { min: 1, max: 168, default: 24 } as const;

/** priority (default): severity, then number of distinct policies, then latest activity; newest/oldest by creation. */
export const INCIDENT_SORTS = ["priority", "newest", "oldest", "last_activity"] as const;
export const ZIncidentSort = z.enum(INCIDENT_SORTS, { error: `sort must be one of ${INCIDENT_SORTS.join(", ")}` });
export type TIncidentSort = z.infer<typeof ZIncidentSort>;

const toList = (value: unknown) => (typeof value === "string" ? value.split(",").map((v) => v.trim()).filter(Boolean) : value);
const ZIsoInstant = (name: string) => z.iso.datetime({ offset: true, error: `${name} must be an ISO 8601 date-time such as 2026-01-31T00:00:00Z` });

/** GET /api/v1/incidents: the alert list's filters (status, severity, user, connector, period, assignee) and sorts. */
export const ZIncidentListQuery = z
  .object({
    status: z.preprocess(toList, z.array(ZAlertStatus).max(4)).optional(),
    severity: z.preprocess(toList, z.array(z.enum(SEVERITIES, { error: "Severity must be low, medium or high" })).max(3)).optional(),
    /** Incidents holding at least one alert of this policy key. */
    policyKey: z.string().trim().regex(/^([a-z_]{1,40}|(custom|session):[0-9a-f-]{36})$/, "policyKey must be a built-in key such as impossible_travel, custom:<policy id> or session:<session policy id>").optional(),
    /** Account id or email (exact, case-insensitive). */
    user: z.string().trim().min(1).max(200).optional(),
    connectorId: z.uuid({ error: "connectorId must be a connector id" }).optional(),
    /** Incidents whose activities overlap [from, to). */
    from: ZIsoInstant("from").optional(),
    to: ZIsoInstant("to").optional(),
    assignee: ZAlertAssigneeFilter.optional(),
    sort: ZIncidentSort.default("priority"),
    /** Only valid with the sort it was returned for. */
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "cursor must be a value returned as nextCursor").optional(),
    limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { error: "from must be before to", path: ["from"] });
export type TIncidentListQuery = z.infer<typeof ZIncidentListQuery>;

export const ZIncidentIdParams = z.object({ id: z.uuid({ error: "Unknown incident id" }) });

const ZTimestamp = z.string().describe("ISO 8601 date-time");
const ZPortalUserRef = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const ZIncidentDto = z.object({
  id: z.string(),
  connectorId: z.string(),
  user: z.object({ accountId: z.string(), email: z.string().nullable(), name: z.string().nullable() }),
  /** The highest alert's severity, one step higher when three or more distinct policies fired. */
  severity: z.enum(SEVERITIES),
  status: ZAlertStatus,
  alertCount: z.number().int(),
  /** Alerts still open or in progress. */
  openAlertCount: z.number().int(),
  /** Distinct policies among its alerts, with their names. */
  policies: z.array(z.object({ key: z.string(), name: z.string() })),
  firstActivityAt: ZTimestamp,
  lastActivityAt: ZTimestamp,
  assignee: ZPortalUserRef.nullable(),
  classification: ZAlertClassification.nullable(),
  resolutionReason: z.string().nullable(),
  resolvedAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TIncidentDto = Readonly<{
  id: string;
  connectorId: string;
  user: { accountId: string; email: string | null; name: string | null };
  severity: TSeverity;
  status: TAlertStatus;
  alertCount: number;
  openAlertCount: number;
  policies: { key: string; name: string }[];
  firstActivityAt: string;
  lastActivityAt: string;
  assignee: TPortalUserRef | null;
  classification: TAlertClassification | null;
  resolutionReason: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}>;

export type TIncidentCounts = Record<TAlertStatus, number>;
export const ZIncidentCounts = z.object(Object.fromEntries(ALERT_STATUSES.map((s) => [s, z.number().int()])) as Record<TAlertStatus, z.ZodNumber>);
export const ZIncidentListDto = z.object({ data: z.array(ZIncidentDto), nextCursor: z.string().nullable(), counts: ZIncidentCounts });
export type TIncidentListDto = Readonly<{ data: TIncidentDto[]; nextCursor: string | null; counts: TIncidentCounts }>;

/** One alert of the incident, as its detail page lists it. */
export const ZIncidentAlertDto = z.object({
  id: z.string(),
  policyKey: z.string(),
  policyName: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  status: ZAlertStatus,
  firstActivityAt: ZTimestamp,
  lastActivityAt: ZTimestamp,
  createdAt: ZTimestamp,
});
export type TIncidentAlertDto = z.infer<typeof ZIncidentAlertDto>;

/** The merged timeline: its alerts' activities in event-time order (at most 500, newest last), each naming its alerts. */
export const ZIncidentTimelineItem = z.object({
  /** The activity log's id. */
  activityId: z.string(),
  eventTime: ZTimestamp,
  action: z.string(),
  actionLabel: z.string(),
  ip: z.string().nullable(),
  countryCode: z.string().nullable(),
  city: z.string().nullable(),
  alertIds: z.array(z.string()),
});
export type TIncidentTimelineItem = z.infer<typeof ZIncidentTimelineItem>;

/** GET /api/v1/incidents/{id} */
export const ZIncidentDetailDto = ZIncidentDto.extend({
  alerts: z.array(ZIncidentAlertDto),
  timeline: z.array(ZIncidentTimelineItem),
  /** True when the timeline was cut at 500 activities. */
  timelineTruncated: z.boolean(),
  comments: z.array(ZAlertCommentDto),
  /** kinds: created, alert_joined, status_changed, assigned, classified, commented. */
  history: z.array(ZAlertEventDto),
});
export type TIncidentDetailDto = TIncidentDto &
  Readonly<{ alerts: TIncidentAlertDto[]; timeline: TIncidentTimelineItem[]; timelineTruncated: boolean; comments: TAlertCommentDto[]; history: TAlertEventDto[] }>;

const ZReason = z.string().trim().min(1, "reason must not be empty").max(2000, "reason must be at most 2000 characters");

/**
 * PATCH /api/v1/incidents/{id} (analyst or admin): the alerts' patch and rules (resolving needs a classification,
 * resolving or dismissing needs a reason). Resolving or dismissing the incident does the same to its open alerts.
 */
export const ZIncidentPatchInput = ZAlertPatchInput;
export type TIncidentPatchInput = z.infer<typeof ZIncidentPatchInput>;

/** POST /api/v1/incidents/bulk: the same change to up to 500 incidents; each succeeds or fails alone. */
export const ZIncidentBulkInput = z
  .object({
    ids: z.array(z.uuid({ error: "ids must be incident ids" })).min(1, "Select at least one incident").max(500, "At most 500 incidents at once"),
    status: ZAlertStatus.optional(),
    assigneeId: z.uuid({ error: "assigneeId must be a user id or null" }).nullable().optional(),
    classification: ZAlertClassification.optional(),
    reason: ZReason.optional(),
  })
  .strict()
  .refine((p) => p.status !== undefined || p.assigneeId !== undefined, { error: "Send status or assigneeId" })
  .refine((p) => p.status !== "resolved" || p.classification !== undefined, { error: "Resolving needs a classification", path: ["classification"] })
  .refine((p) => !(p.status === "resolved" || p.status === "dismissed") || p.reason !== undefined, {
    error: "Resolving or dismissing needs a reason",
    path: ["reason"],
  });
export type TIncidentBulkInput = z.infer<typeof ZIncidentBulkInput>;
export const ZIncidentBulkResult = z.object({ updated: z.number().int(), failed: z.array(z.object({ id: z.string(), message: z.string() })) });
export type TIncidentBulkResult = z.infer<typeof ZIncidentBulkResult>;

/** POST /api/v1/incidents/{id}/comments */
export const ZIncidentCommentInput = ZAlertCommentInput;

/** GET/PUT /api/v1/incidents/settings (PUT: admin). */
export const ZIncidentSettings = z
  .object({
    windowHours: z.coerce
      .number({ error: "windowHours must be a number" })
      .int("windowHours must be a whole number of hours")
      .min(INCIDENT_WINDOW_HOURS.min, `windowHours must be at least ${INCIDENT_WINDOW_HOURS.min}`)
      .max(INCIDENT_WINDOW_HOURS.max, `windowHours must be at most ${INCIDENT_WINDOW_HOURS.max} (7 days)`),
  })
  .strict();
export type TIncidentSettings = z.infer<typeof ZIncidentSettings>;

/** The alert DTOs gain their incident (null for an alert without an Atlassian account); defined beside them (schemas/alerts). */
export { ZAlertIncidentRef, type TAlertIncidentRef } from "./alerts";

/** Notification channels: one message per alert (default) or per incident. */
export const MESSAGE_PER = ["alert", "incident"] as const;
export const ZMessagePer = z.enum(MESSAGE_PER, { error: 'messagePer must be "alert" or "incident"' });
export type TMessagePer = z.infer<typeof ZMessagePer>;
