import type { TConnectorDto } from "./schemas/connectors";

const DAY_MS = 86_400_000;

/** Warn this many days before an API key expires (the first of the 30/7/1-day reminders). */
export const KEY_EXPIRY_WARNING_DAYS = 30;
/** Recommended rotation interval: half of Atlassian's one-year maximum key lifetime. */
export const KEY_ROTATION_DAYS = 182;

export type TKeyHealth = Readonly<{
  /** Whole days until expiry; negative once expired. */
  daysToExpiry: number;
  ageDays: number;
  isExpired: boolean;
  isExpiringSoon: boolean;
  isRotationDue: boolean;
}>;

/** How close the connector's API key is to expiry, and whether its age calls for a rotation. */
export const keyHealth = (connector: Pick<TConnectorDto, "apiKeyExpiresAt" | "apiKeySetAt">, now: Date): TKeyHealth => {
  const msToExpiry = new Date(connector.apiKeyExpiresAt).getTime() - now.getTime();
  const ageDays = Math.max(0, Math.floor((now.getTime() - new Date(connector.apiKeySetAt).getTime()) / DAY_MS));
  return {
    daysToExpiry: Math.floor(msToExpiry / DAY_MS),
    ageDays,
    isExpired: msToExpiry <= 0,
    isExpiringSoon: msToExpiry > 0 && msToExpiry < KEY_EXPIRY_WARNING_DAYS * DAY_MS,
    isRotationDue: ageDays >= KEY_ROTATION_DAYS,
  };
};

export type TSyncProgress = Readonly<{
  /** Share of the time range syncFrom → now already stored, 0–100; null before the first activity. */
  percent: number | null;
  /** Rough seconds until caught up; null when there is too little data to tell or it is not gaining. */
  etaSeconds: number | null;
  activitiesPerSecond: number | null;
}>;

const MIN_ELAPSED_MS = 5_000;

/**
 * Rough progress of the first sync. The stream is read in processedAt order from syncFrom, so the
 * newest stored processedAt tells how much of syncFrom → now is done. The target keeps moving (now
 * advances), so the ETA divides what is left by how much faster than real time the sync runs.
 */
export const syncProgress = (
  connector: Pick<TConnectorDto, "syncFrom" | "createdAt" | "lastProcessedAt" | "stats">,
  now: Date,
): TSyncProgress => {
  const from = new Date(connector.syncFrom).getTime();
  const nowMs = now.getTime();
  const elapsedMs = nowMs - new Date(connector.createdAt).getTime();
  const activitiesPerSecond = elapsedMs >= MIN_ELAPSED_MS ? connector.stats.activitiesStored / (elapsedMs / 1000) : null;
  if (!connector.lastProcessedAt || nowMs <= from) return { percent: null, etaSeconds: null, activitiesPerSecond };
  const doneMs = Math.max(0, new Date(connector.lastProcessedAt).getTime() - from);
  const percent = Math.min(100, (doneMs / (nowMs - from)) * 100);
  const speed = elapsedMs >= MIN_ELAPSED_MS ? doneMs / elapsedMs : 0;
  const remainingMs = Math.max(0, nowMs - from - doneMs);
  const etaSeconds = speed > 1 ? Math.round(remainingMs / (speed - 1) / 1000) : null;
  return { percent, etaSeconds, activitiesPerSecond };
};
