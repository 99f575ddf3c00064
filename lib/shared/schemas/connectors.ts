import { z } from "zod";
import { classifyAddress, parseIpLiteral } from "../../net/address-class";

export const CONNECTOR_STATUSES = ["connecting", "syncing", "connected", "degraded", "error", "disabled"] as const;
export type TConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

/** How the status is shown (tests find these words). */
export const CONNECTOR_STATUS_LABELS: Record<TConnectorStatus, string> = {
  connecting: "Connecting",
  syncing: "Syncing",
  connected: "Connected",
  degraded: "Degraded",
  error: "Error",
  disabled: "Disabled",
};

export const DEFAULT_ATLASSIAN_BASE_URL = "https://api.atlassian.com";
export const MAX_BACKFILL_DAYS = 180;
export const MAX_KEY_LIFETIME_DAYS = 366;

/** A loopback IP literal (127.0.0.0/8, [::1]); never a name, so "127.attacker.example" is not one. */
const isLoopbackLiteral = (hostname: string): boolean => parseIpLiteral(hostname) !== null && classifyAddress(hostname) === "loopback";

/**
 * https, or plain http only to a loopback IP literal (the simulator). Which addresses a host may resolve to
 * is checked when connecting (lib/net/guarded-fetch.ts), where DNS answers cannot be swapped afterwards.
 */
export const ZBaseUrl = z
  .string()
  .trim()
  .max(300, "API base URL is too long")
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "API base URL must be a URL such as https://api.atlassian.com" });
      return z.NEVER;
    }
    const isLoopbackHttp = url.protocol === "http:" && isLoopbackLiteral(url.hostname);
    if (url.protocol !== "https:" && !isLoopbackHttp) {
      ctx.addIssue({ code: "custom", message: "API base URL must use https (plain http is allowed only to a loopback address such as the simulator)" });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: "custom", message: "API base URL must not contain credentials, a query or a fragment" });
      return z.NEVER;
    }
    return url.toString().replace(/\/+$/, "");
  });

export const ZConnectorName = z.string().trim().min(1, "Instance name is required").max(80, "Instance name must be at most 80 characters");
export const ZOrgId = z
  .string()
  .trim()
  .min(1, "Organization ID is required")
  .max(100, "Organization ID is too long")
  .regex(/^[A-Za-z0-9:_-]+$/, "Organization ID has unexpected characters (copy it from admin.atlassian.com)");
export const ZApiKey = z.string().trim().min(8, "API key looks too short").max(2000, "API key is too long");

/** The key's expiry: in the future and at most a year ahead (Atlassian's own maximum for admin API keys). */
export const ZApiKeyExpiresAt = z.iso
  .datetime({ offset: true, error: "API key expiry must be an ISO 8601 date-time" })
  .or(z.iso.date({ error: "API key expiry must be a date (YYYY-MM-DD)" }))
  .transform((v) => new Date(v))
  .refine((d) => d.getTime() > Date.now(), "API key expiry must be in the future")
  .refine((d) => d.getTime() <= Date.now() + MAX_KEY_LIFETIME_DAYS * 86_400_000, "API key expiry can be at most one year ahead (Atlassian's maximum)");

export const ZCreateConnectorInput = z.object({
  name: ZConnectorName,
  orgId: ZOrgId,
  apiKey: ZApiKey,
  baseUrl: ZBaseUrl.optional(),
  apiKeyExpiresAt: ZApiKeyExpiresAt.optional(),
  backfillDays: z.coerce
    .number({ error: "Backfill must be a number of days" })
    .int("Backfill must be whole days")
    .min(0, "Backfill cannot be negative")
    .max(MAX_BACKFILL_DAYS, `Backfill can be at most ${MAX_BACKFILL_DAYS} days (Atlassian keeps 180 days of audit log)`)
    .default(0),
});
export type TCreateConnectorInput = z.input<typeof ZCreateConnectorInput>;
export type TCreateConnectorData = z.output<typeof ZCreateConnectorInput>;

export const ZRotateKeyInput = z.object({ apiKey: ZApiKey, apiKeyExpiresAt: ZApiKeyExpiresAt.optional() });
export type TRotateKeyInput = z.input<typeof ZRotateKeyInput>;

export const ZUpdateConnectorInput = z.object({ enabled: z.boolean({ error: "enabled must be true or false" }) });

export const ZConnectorIdParams = z.object({ id: z.uuid({ error: "Unknown connector id" }) });

export const ZConnectorStats = z.object({
  activitiesStored: z.number(),
  activitiesLast24h: z.number(),
  droppedUnverifiedDomain: z.number(),
  duplicatesSkipped: z.number(),
  requestsLastMinute: z.number(),
  rateLimitedResponses: z.number(),
  /** Events set aside because they do not match the wire schema (listed under the connector's quarantine). */
  eventsQuarantined: z.number(),
  usersSynced: z.number(),
  lagSeconds: z.number().nullable(),
});
export type TConnectorStats = z.infer<typeof ZConnectorStats>;

/**
 * The request budget of one endpoint family of the connector's API key (or `per-user`, the key's ceiling across
 * families): `server` when learned from X-RateLimit-* headers, `lowered` after a 429 without them, else `default`.
 */
export const ZRateBudgetDto = z.object({
  family: z.string(),
  perMinute: z.number(),
  source: z.enum(["server", "lowered", "default"]),
  /** Requests left in the server's current window and when it resets (only from headers, while current). */
  remaining: z.number().nullable(),
  resetAt: z.string().nullable(),
  requestsLastMinute: z.number(),
});
export type TRateBudgetDto = z.infer<typeof ZRateBudgetDto>;

/** A connector as the API answers it (GET/POST/PATCH /api/v1/connectors…). */
export const ZConnectorDto = z.object({
  id: z.string(),
  name: z.string(),
  app: z.literal("atlassian"),
  orgId: z.string(),
  baseUrl: z.string(),
  status: z.enum(CONNECTOR_STATUSES),
  statusDetail: z.string().nullable(),
  nextRetryAt: z.string().nullable(),
  createdAt: z.string(),
  lastSyncAt: z.string().nullable(),
  /** processedAt of the newest stored event: with syncFrom, the progress of a backfill. */
  lastProcessedAt: z.string().nullable(),
  initialSyncDoneAt: z.string().nullable(),
  backfillDays: z.number().int(),
  syncFrom: z.string(),
  apiKeyLast4: z.string(),
  apiKeyExpiresAt: z.string(),
  apiKeySetAt: z.string(),
  /** Scopes Watchpost uses that the key lacks (atlassian-scopes.ts); [] for a classic key without scopes. */
  missingScopes: z.array(z.string()),
  /** When the key's scopes were last probed; null for a connector made before scopes were probed. */
  scopesCheckedAt: z.string().nullable(),
  stats: ZConnectorStats,
  rateBudgets: z.array(ZRateBudgetDto),
});
export type TConnectorDto = z.infer<typeof ZConnectorDto>;

export const ZConnectorHistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  status: z.enum(CONNECTOR_STATUSES).nullable(),
  detail: z.string().nullable(),
  actorEmail: z.string().nullable(),
});
export type TConnectorHistoryEntry = z.infer<typeof ZConnectorHistoryEntry>;

/** DELETE /api/v1/connectors/{id}: what was removed with it. */
export const ZConnectorDeleted = z.object({ deleted: z.literal(true), activitiesDeleted: z.number(), alertsDeleted: z.number(), governanceActionsDeleted: z.number() });
