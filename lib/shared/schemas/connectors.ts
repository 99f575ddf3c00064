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

export type TConnectorStats = {
  activitiesStored: number;
  activitiesLast24h: number;
  droppedUnverifiedDomain: number;
  duplicatesSkipped: number;
  requestsLastMinute: number;
  rateLimitedResponses: number;
  /** Events set aside because they do not match the wire schema (listed under the connector's quarantine). */
  eventsQuarantined: number;
  usersSynced: number;
  lagSeconds: number | null;
};

/**
 * The request budget of one endpoint family of the connector's API key (or `per-user`, the key's ceiling across
 * families): `server` when learned from X-RateLimit-* headers, `lowered` after a 429 without them, else `default`.
 */
export type TRateBudgetDto = {
  family: string;
  perMinute: number;
  source: "server" | "lowered" | "default";
  /** Requests left in the server's current window and when it resets (only from headers, while current). */
  remaining: number | null;
  resetAt: string | null;
  requestsLastMinute: number;
};

export type TConnectorDto = {
  id: string;
  name: string;
  app: "atlassian";
  orgId: string;
  baseUrl: string;
  status: TConnectorStatus;
  statusDetail: string | null;
  nextRetryAt: string | null;
  createdAt: string;
  lastSyncAt: string | null;
  /** processedAt of the newest stored event: with syncFrom, the progress of a backfill. */
  lastProcessedAt: string | null;
  initialSyncDoneAt: string | null;
  backfillDays: number;
  syncFrom: string;
  apiKeyLast4: string;
  apiKeyExpiresAt: string;
  apiKeySetAt: string;
  /** Scopes Watchpost uses that the key lacks (atlassian-scopes.ts); [] for a classic key without scopes. */
  missingScopes: string[];
  /** When the key's scopes were last probed; null for a connector made before scopes were probed. */
  scopesCheckedAt: string | null;
  stats: TConnectorStats;
  rateBudgets: TRateBudgetDto[];
};

export type TConnectorHistoryEntry = { id: string; at: string; kind: string; status: TConnectorStatus | null; detail: string | null; actorEmail: string | null };
