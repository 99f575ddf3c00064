import { z } from "zod";
import { CONNECTOR_STATUSES } from "./connectors";
import { ZProcessingLag } from "./health";

export const DASHBOARD_RANGES = ["24h", "7d", "30d", "90d"] as const;
export const ZDashboardRange = z.enum(DASHBOARD_RANGES, { error: `range must be one of ${DASHBOARD_RANGES.join(", ")}` });
export type TDashboardRange = z.infer<typeof ZDashboardRange>;
export const DEFAULT_DASHBOARD_RANGE: TDashboardRange = "7d";

export const DASHBOARD_RANGE_LABELS: Record<TDashboardRange, string> = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days" };

export const ZDashboardQuery = z.object({ range: ZDashboardRange.default(DEFAULT_DASHBOARD_RANGE) });
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;

const ZCount = z.number().int().nonnegative();

export const ZDashboardDto = z.object({
  range: ZDashboardRange,
  /** Start of the first bucket and end of the range (ISO 8601, UTC). */
  from: z.string(),
  to: z.string(),
  /** Buckets of the time series: hours for 24h and 7d, UTC days otherwise. */
  bucket: z.enum(["hour", "day"]),
  /** The daily rollups (top users and countries) cover whole UTC days from this date (YYYY-MM-DD). */
  dailyFrom: z.string(),
  kpis: z.object({
    activities: ZCount,
    activitiesLast24h: ZCount,
    failedLogins: ZCount,
    activeUsers: ZCount,
    openAlerts: z.object({ low: ZCount, medium: ZCount, high: ZCount, total: ZCount }),
    connectors: z.object({ total: ZCount, healthy: ZCount, attention: ZCount }),
    /** Latest secure score over all evaluated orgs (points earned / possible, in %); null before the first evaluation. */
    secureScore: z.object({ score: z.number(), pointsEarned: z.number(), pointsPossible: z.number(), orgs: ZCount }).nullable(),
  }),
  /** Products present in the range, most active first: the stack order of `activityOverTime`. */
  products: z.array(z.string()),
  activityOverTime: z.array(z.object({ t: z.string(), counts: z.record(z.string(), ZCount) })),
  failedLoginsOverTime: z.array(z.object({ t: z.string(), count: ZCount })),
  topUsers: z.array(
    z.object({
      connectorId: z.string(),
      actorId: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      count: ZCount,
      failedLogins: ZCount,
      /** The Atlassian user's id (GET /api/v1/users/{id}) when the account is a synced user. */
      userId: z.string().nullable(),
    }),
  ),
  topCountries: z.array(z.object({ countryCode: z.string().nullable(), name: z.string(), count: ZCount })),
  alertsByPolicy: z.array(z.object({ policyKey: z.string(), policyName: z.string(), count: ZCount, open: ZCount })),
  connectors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(CONNECTOR_STATUSES),
      lastSyncAt: z.string().nullable(),
      lagSeconds: z.number().nullable(),
      /** Events quarantined for an unexpected shape: shown on the health card, so that none hides an attack. */
      eventsQuarantined: ZCount,
    }),
  ),
  /** The session proxy over the range (issue 22): what the dashboard's Sessions card shows. */
  sessions: z.object({
    /** Sites protected through the session proxy now; 0: the card shows how to start. */
    protectedSites: ZCount,
    /** Proxied sessions started in the range. */
    proxiedSessions: ZCount,
    unmanagedSessions: ZCount,
    /** unmanagedSessions / proxiedSessions in % (one decimal); null without sessions. */
    unmanagedShare: z.number().nullable(),
    /** Downloads and exports a session policy blocked in the range. */
    downloadsBlocked: ZCount,
  }),
  /** The processing lag GET /api/v1/health reports (over 60 s there means degraded), for the connector health card. */
  processingLag: ZProcessingLag,
});
export type TDashboardDto = z.infer<typeof ZDashboardDto>;
