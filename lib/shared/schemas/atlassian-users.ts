import { z } from "zod";
import { ALERT_STATUSES } from "./alerts";
import { SEVERITIES } from "./policies";

// Atlassian accounts of the connected orgs (GET /api/v1/users): not the portal's own users (schemas/users.ts).

export const ATLASSIAN_USER_STATUSES = ["active", "suspended", "deactivated"] as const;
export const ZAtlassianUserStatus = z.enum(ATLASSIAN_USER_STATUSES, { error: `status must be one of ${ATLASSIAN_USER_STATUSES.join(", ")}` });
export type TAtlassianUserStatus = z.infer<typeof ZAtlassianUserStatus>;
export const ATLASSIAN_USER_STATUS_LABELS: Record<TAtlassianUserStatus, string> = { active: "Active", suspended: "Suspended", deactivated: "Deactivated" };

const CURSOR_ERROR = "cursor must be a value returned as nextCursor";

/** Opaque keyset cursor: base64url of a JSON array of strings (the sort key values of the last row). */
export const encodeCursor = (values: readonly string[]): string => {
  const bytes = new TextEncoder().encode(JSON.stringify(values));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
};

const decodeCursor = (cursor: string, lengths: readonly number[]): string[] | null => {
  try {
    if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) return null;
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const value: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    // NUL cannot reach PostgreSQL text (the query would fail with a 500).
    return Array.isArray(value) && lengths.includes(value.length) && value.every((v) => typeof v === "string" && !v.includes("\u0000")) ? (value as string[]) : null;
  } catch {
    return null;
  }
};

/** A cursor of `length` strings (or one of several lengths); anything else (tampered, from another endpoint) is a 400. */
export const ZCursor = (length: number | readonly number[]) =>
  z.string().transform((value, ctx) => {
    const decoded = decodeCursor(value, typeof length === "number" ? [length] : length);
    if (!decoded) {
      ctx.addIssue({ code: "custom", message: CURSOR_ERROR });
      return z.NEVER;
    }
    return decoded;
  });

const ZBooleanParam = (name: string) =>
  z.enum(["true", "false"], { error: `${name} must be true or false` }).transform((v) => v === "true");

export const ATLASSIAN_USER_SORTS = ["priority", "name"] as const;
export type TAtlassianUserSort = (typeof ATLASSIAN_USER_SORTS)[number];

/** Investigation priority (docs/detections.md): the score now and at the end of each of the last 7 days, oldest first. */
export const ZUserPrioritySummary = z.object({ score: z.number().int(), trend: z.array(z.number().int()).length(7) });
export const ZPriorityContribution = z.object({
  kind: z.enum(["alert", "activity"]),
  /** The alert's id, or the activity's id in the activity log. */
  id: z.string(),
  label: z.string(),
  points: z.number().int(),
  at: z.string(),
});
export type TPriorityContribution = z.infer<typeof ZPriorityContribution>;
export const ZUserPriority = ZUserPrioritySummary.extend({
  /** What raised it, highest first: the points sum to the score. */
  contributions: z.array(ZPriorityContribution),
  /** When the worker last computed it; null before its first computation (score 0). */
  computedAt: z.string().nullable(),
});
export type TUserPriority = z.infer<typeof ZUserPriority>;

export const ZAtlassianUsersQuery = z.object({
  q: z.string().trim().max(200, "q must be at most 200 characters").optional(),
  connectorId: z.uuid({ error: "connectorId must be a connector id" }).optional(),
  status: ZAtlassianUserStatus.optional(),
  admin: ZBooleanParam("admin").optional(),
  /** priority (default): investigation priority, highest first, then by name; name: by name. */
  sort: z.enum(ATLASSIAN_USER_SORTS, { error: `sort must be one of ${ATLASSIAN_USER_SORTS.join(", ")}` }).default("priority"),
  /** Three values by priority, two by name. */
  cursor: ZCursor([2, 3]).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
});
export type TAtlassianUsersQuery = z.infer<typeof ZAtlassianUsersQuery>;

export const ZAtlassianUserIdParams = z.object({ id: z.uuid({ error: "Unknown user id" }) });

export const ZAtlassianUserDto = z.object({
  /** The Watchpost id of this account in this connector (GET /api/v1/users/{id}). */
  id: z.string(),
  connectorId: z.string(),
  connectorName: z.string(),
  accountId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  domain: z.string().nullable(),
  status: z.string(),
  /** Org admin, from the directory's platformRoles. */
  isAdmin: z.boolean(),
  platformRoles: z.array(z.string()),
  /** The later of Atlassian's last-active date and the newest activity stored. */
  lastActiveAt: z.string().nullable(),
  openAlerts: z.number().int(),
  priority: ZUserPrioritySummary,
});
export type TAtlassianUserDto = z.infer<typeof ZAtlassianUserDto>;

export const ZAtlassianUserList = z.object({ data: z.array(ZAtlassianUserDto), nextCursor: z.string().nullable() });
export type TAtlassianUserList = z.infer<typeof ZAtlassianUserList>;

const ZSeen = { firstSeen: z.string(), lastSeen: z.string(), count: z.number().int() };

export const ZAtlassianUserDetail = ZAtlassianUserDto.extend({
  syncedAt: z.string(),
  priority: ZUserPriority,
  /** Each IP the account was seen from ('' = activities without an IP), newest first. */
  locations: z.array(z.object({ ip: z.string(), countryCode: z.string().nullable(), country: z.string().nullable(), city: z.string().nullable(), ...ZSeen })),
  countries: z.array(z.object({ countryCode: z.string().nullable(), name: z.string(), ...ZSeen })),
  alerts: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      policyName: z.string(),
      severity: z.enum(SEVERITIES),
      status: z.enum(ALERT_STATUSES),
      createdAt: z.string(),
      lastActivityAt: z.string(),
    }),
  ),
  /** Governance actions taken on the account (issue 7 adds them): none yet. */
  governanceActions: z.array(z.object({ id: z.string(), action: z.string(), at: z.string(), actorEmail: z.string().nullable() })),
});
export type TAtlassianUserDetail = z.infer<typeof ZAtlassianUserDetail>;

export const ZUserActivitiesQuery = z.object({
  cursor: ZCursor(2).optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
});
export type TUserActivitiesQuery = z.infer<typeof ZUserActivitiesQuery>;

export const ZUserActivity = z.object({
  /** The activity's id in the activity log (GET /api/v1/activities/{id}). */
  id: z.string(),
  eventId: z.string(),
  time: z.string(),
  action: z.string(),
  actionName: z.string().nullable(),
  product: z.string(),
  targetName: z.string().nullable(),
  ip: z.string().nullable(),
  countryCode: z.string().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
});
export type TUserActivity = z.infer<typeof ZUserActivity>;
export const ZUserActivityList = z.object({ data: z.array(ZUserActivity), nextCursor: z.string().nullable() });
export type TUserActivityList = z.infer<typeof ZUserActivityList>;
