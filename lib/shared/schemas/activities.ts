import { z } from "zod";
import { formatIp, parseCidr, parseIp } from "../../enrichment/cidr";
import { ZActionKey, ZIpCategory, ZProduct } from "./policies";
import { SESSION_OUTCOMES } from "./session-policies";

// The activity log (GET /api/v1/activities and the /activities page): filters, cursor and DTOs.

export const ACTIVITY_PAGE_SIZE = 50;
export const ACTIVITY_MAX_PAGE_SIZE = 500;

/** Keyset position: the (event time, seq) of the last row of the previous page. */
export type TActivityCursor = Readonly<{ time: string; seq: string }>;

const CURSOR_ERROR = "cursor must be a value returned as nextCursor";
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Opaque cursor: base64url of "<ISO time>|<seq>". */
export const encodeActivityCursor = (cursor: TActivityCursor): string =>
  btoa(`${cursor.time}|${cursor.seq}`).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

/** The cursor's position, or null when it was not made by encodeActivityCursor (tampered, truncated). */
export const decodeActivityCursor = (text: string): TActivityCursor | null => {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(text)) return null;
  let decoded: string;
  try {
    decoded = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return null;
  }
  const [time, seq, ...rest] = decoded.split("|");
  if (rest.length > 0 || !time || !seq || !/^[1-9]\d{0,18}$/.test(seq)) return null;
  // The time must round-trip: Date.parse accepts 2026-02-30 (as 2 March), PostgreSQL does not.
  if (!ISO_TIME.test(time) || Number.isNaN(Date.parse(time)) || new Date(time).toISOString() !== time) return null;
  return BigInt(seq) <= 9223372036854775807n ? { time, seq } : null;
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** 2026-11-31 parses in JS (as 1 December): a real calendar date survives the round trip. */
const isRealDate = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
};

/** ISO 8601 instant: a date (midnight UTC) or a date-time with Z or an offset. */
const ZIsoInstant = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => (DATE_ONLY.test(v) || DATE_TIME.test(v)) && !Number.isNaN(Date.parse(v)) && isRealDate(v.slice(0, 10)), {
      error: `${name} must be an ISO 8601 date or date-time with a time zone, e.g. 2026-11-24T08:00:00Z`,
    });

/** "true"/"false" (also 1/0, yes/no) from a query string, or a real boolean from a form. */
const ZFlag = z.preprocess(
  (v) => (typeof v === "string" ? ({ true: true, "1": true, yes: true, false: false, "0": false, no: false, "": undefined } as Record<string, boolean | undefined>)[v.toLowerCase()] ?? v : v),
  z.boolean({ error: "must be true or false" }).optional(),
);

/** An IP address or CIDR block, IPv4 or IPv6. */
export const isIpOrCidr = (text: string): boolean => parseIp(text) !== null || (text.includes("/") && parseCidr(text) !== null);

/** Canonical text of a valid address or block, which PostgreSQL's inet always accepts ("10.0.0.0 /8" → "10.0.0.0/8"). */
const canonicalIpOrCidr = (text: string): string => {
  const ip = parseIp(text);
  return ip ? formatIp(ip.family, ip.value) : (parseCidr(text)?.canonical ?? text);
};

/** Where an activity came from: the org's audit log (synced) or a browser session through the session proxy. */
export const ACTIVITY_SOURCES = ["audit_log", "session_proxy"] as const;
export const ZActivitySource = z.enum(ACTIVITY_SOURCES, { error: "source must be audit_log or session_proxy" });
export type TActivitySource = z.infer<typeof ZActivitySource>;

const ZOptionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, `at most ${max} characters`).optional());

/** The activity log's filters, by their query parameter names (shared by the API, the export and the page). */
export const ZActivityFilters = z.object({
  from: z.preprocess((v) => (v === "" ? undefined : v), ZIsoInstant("from").optional()),
  to: z.preprocess((v) => (v === "" ? undefined : v), ZIsoInstant("to").optional()),
  /** Email or Atlassian account id. */
  user: ZOptionalText(320),
  /** Repeatable: any of these actions. */
  action: z.preprocess((v) => (v === undefined || v === "" ? undefined : Array.isArray(v) ? v.filter((x) => x !== "") : [v]), z.array(ZActionKey).max(50).optional()),
  product: z.preprocess((v) => (v === "" ? undefined : v), ZProduct.optional()),
  /** IP address or CIDR block. */
  ip: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().refine(isIpOrCidr, { error: "ip must be an IPv4/IPv6 address or a CIDR block such as 10.0.0.0/8" }).transform(canonicalIpOrCidr).optional(),
  ),
  /** Country name or ISO 3166-1 alpha-2 code. */
  country: ZOptionalText(100),
  ipCategory: z.preprocess((v) => (v === "" ? undefined : v), ZIpCategory.optional()),
  connectorId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: "connectorId must be a connector id (UUID)" }).optional()),
  source: z.preprocess((v) => (v === "" ? undefined : v), ZActivitySource.optional()),
  adminOnly: ZFlag,
  impersonation: ZFlag,
  /** Free text over user, action, target, IP, location, site and message. */
  q: ZOptionalText(200),
  /** Session proxy requests a session policy blocked or audited. */
  outcome: z.preprocess((v) => (v === "" ? undefined : v), z.enum(SESSION_OUTCOMES, { error: "outcome must be blocked or audited" }).optional()),
  /** Session proxy requests this session policy matched. */
  policy: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: "policy must be a session policy id (UUID)" }).optional()),
});
export type TActivityFilters = z.infer<typeof ZActivityFilters>;

const ZCursor = z
  .string()
  .transform((text, ctx) => {
    const cursor = decodeActivityCursor(text);
    if (!cursor) ctx.addIssue({ code: "custom", message: CURSOR_ERROR });
    return cursor ?? { time: "", seq: "" };
  })
  .optional();

export const ZActivityListQuery = ZActivityFilters.extend({
  cursor: ZCursor,
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(ACTIVITY_MAX_PAGE_SIZE, `limit must be at most ${ACTIVITY_MAX_PAGE_SIZE}`)
    .default(ACTIVITY_PAGE_SIZE),
});
export type TActivityListQuery = z.infer<typeof ZActivityListQuery>;

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export const ZActivityExportQuery = ZActivityFilters.extend({
  format: z.enum(EXPORT_FORMATS, { error: "format must be csv or ndjson" }).default("csv"),
});
export type TActivityExportQuery = z.infer<typeof ZActivityExportQuery>;

export const ZActivityIdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,18}$/, "id must be an activity id (a positive integer)")
    // A seq is a PostgreSQL bigint: a larger number would fail in the database.
    .refine((v) => !/^\d+$/.test(v) || BigInt(v) <= 9223372036854775807n, "id must be an activity id (a positive integer)"),
});

export const ZActivityDto = z.object({
  /** The activity's own id (its sequence number), stable and unique across connectors. */
  id: z.string(),
  /** The Atlassian audit-log event id. */
  eventId: z.string(),
  connectorId: z.string(),
  connectorName: z.string().nullable(),
  source: ZActivitySource,
  time: z.string(),
  processedAt: z.string().nullable(),
  action: z.string(),
  actionName: z.string().nullable(),
  actionGroup: z.string().nullable(),
  product: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  actorId: z.string(),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  onBehalfOfId: z.string().nullable(),
  authType: z.string().nullable(),
  isSystem: z.boolean(),
  isAdminAction: z.boolean(),
  isImpersonation: z.boolean(),
  targetName: z.string().nullable(),
  targets: z.array(z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() })),
  ip: z.string().nullable(),
  country: z.string().nullable(),
  countryCode: z.string().nullable(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  locationSource: z.string().nullable(),
  ipCategory: z.string().nullable(),
  ipTags: z.array(z.string()),
  message: z.string().nullable(),
  /** Session proxy: blocked or audited when a session policy matched the request, else null. */
  sessionOutcome: z.enum(SESSION_OUTCOMES).nullable(),
  /** Session proxy: every session policy that matched, in evaluation order. */
  sessionPolicyIds: z.array(z.string()),
});
export type TActivityDto = z.infer<typeof ZActivityDto>;

export const ZActivityPage = z.object({ data: z.array(ZActivityDto), nextCursor: z.string().nullable() });
export type TActivityPage = z.infer<typeof ZActivityPage>;

export const ZActivityAlertRef = z.object({
  id: z.string(),
  title: z.string(),
  policyName: z.string(),
  severity: z.string(),
  status: z.string(),
  createdAt: z.string(),
});

export const ZActivityDetail = ZActivityDto.extend({
  raw: z.unknown(),
  /** The same user's activities from one hour before to one hour after (at most 200, newest first). */
  timeline: z.array(ZActivityDto),
  /** Alerts that include this activity. */
  alerts: z.array(ZActivityAlertRef),
  /** The session policies of sessionPolicyIds, in that order; name null when the policy was deleted since. */
  sessionPolicies: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
});
export type TActivityDetail = z.infer<typeof ZActivityDetail>;

/** Columns of the CSV export, in order (NDJSON lines carry the DTO plus raw). */
export const ACTIVITY_CSV_COLUMNS = [
  "time", "id", "eventId", "connectorName", "actorName", "actorEmail", "actorId", "action", "actionName", "product", "targetName", "ip",
  "country", "countryCode", "city", "ipCategory", "ipTags", "isAdminAction", "isImpersonation", "siteName", "connectorId", "source",
] as const satisfies readonly (keyof TActivityDto)[];
