import type { TConnectorDto, TRateBudgetDto } from "../../../shared/schemas/connectors";
import type { ConnectorRecord } from "../../repositories/connector-repository";

export type LiveStats = Readonly<{ activitiesLast24h: number; requestsLastMinute: number; rateBudgets: TRateBudgetDto[] }>;

/** Lag: time since the last poll when caught up, else how far behind the newest stored event is. */
export const lagSecondsOf = (c: ConnectorRecord, now: Date): number | null => {
  const since = c.isCaughtUp ? c.lastSyncAt : c.lastProcessedAt;
  return since ? Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) : null;
};

/** The public shape of a connector: never the key, only its last 4 characters. */
export const toConnectorDto = (c: ConnectorRecord, live: LiveStats, now: Date = new Date()): TConnectorDto => ({
  id: c.id,
  name: c.name,
  app: "atlassian",
  orgId: c.orgId,
  baseUrl: c.baseUrl,
  status: c.status,
  statusDetail: c.statusDetail,
  nextRetryAt: c.nextRetryAt?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
  lastSyncAt: c.lastSyncAt?.toISOString() ?? null,
  lastProcessedAt: c.lastProcessedAt?.toISOString() ?? null,
  initialSyncDoneAt: c.initialSyncDoneAt?.toISOString() ?? null,
  backfillDays: c.backfillDays,
  syncFrom: c.syncFrom.toISOString(),
  apiKeyLast4: c.apiKeyLast4,
  apiKeyExpiresAt: c.apiKeyExpiresAt.toISOString(),
  apiKeySetAt: c.apiKeySetAt.toISOString(),
  missingScopes: c.missingScopes ?? [],
  scopesCheckedAt: c.scopesCheckedAt?.toISOString() ?? null,
  stats: {
    activitiesStored: Number(c.activitiesStored),
    activitiesLast24h: live.activitiesLast24h,
    droppedUnverifiedDomain: Number(c.droppedUnverified),
    duplicatesSkipped: Number(c.duplicatesSkipped),
    requestsLastMinute: live.requestsLastMinute,
    rateLimitedResponses: Number(c.rateLimited),
    eventsQuarantined: Number(c.eventsQuarantined),
    usersSynced: c.usersSynced,
    lagSeconds: lagSecondsOf(c, now),
  },
  rateBudgets: live.rateBudgets,
});
