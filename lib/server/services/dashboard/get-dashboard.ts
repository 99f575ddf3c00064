import { SYSTEM_ACTOR_NAME } from "../../../atlassian";
import { findCountry } from "../../../geo/countries";
import type { TDashboardDto, TDashboardRange } from "../../../shared/schemas/dashboard";
import { DOWNLOAD_ACTIONS } from "../../../shared/schemas/session-policies";
import { selectAlertFigures, selectRollupFigures, selectSessionFigures, type AlertFigures, type RollupFigures, type SessionFigures } from "../../repositories/dashboard-repository";
import { listConnectorRecords } from "../../repositories/connector-repository";
import { lagSecondsOf } from "../connectors/connector-dto";
import { getProcessingLag } from "../health/get-processing-lag";
import { getLatestScores } from "../posture/get-latest-scores";
import { createVersionedCache } from "../versioned-cache";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TOP = 10;

/** Range → bucket size and number of buckets (the last one holds "now"). */
const RANGES: Record<TDashboardRange, { bucket: "hour" | "day"; buckets: number }> = {
  "24h": { bucket: "hour", buckets: 24 },
  "7d": { bucket: "hour", buckets: 7 * 24 },
  "30d": { bucket: "day", buckets: 30 },
  "90d": { bucket: "day", buckets: 90 },
};

const floorTo = (date: Date, ms: number) => new Date(Math.floor(date.getTime() / ms) * ms);
const utcDay = (date: Date) => date.toISOString().slice(0, 10);
const HEALTHY = new Set(["connected", "syncing", "connecting"]);
const ATTENTION = new Set(["degraded", "error"]);

// The rollup figures of each range (its bucket boundaries) with the version of the rollups they were read from,
// and the alert figures of each range start with the alerts' version (change_counters). The rollups change only
// when the worker folds in new activities (every poll), alerts when they are raised or worked, so most loads
// reuse both and skip the largest part of the dashboard's database work (bench:load, docs/benchmarks.md).
const rollupFigures = createVersionedCache<RollupFigures>(16);
const alertFigures = createVersionedCache<AlertFigures>(16);

const readRollupFigures = async (key: string, currentVersion: string, read: () => Promise<RollupFigures>): Promise<RollupFigures> => {
  const known = rollupFigures.get(key);
  if (known?.version === currentVersion) return known.value;
  const figures = await read();
  rollupFigures.set(key, figures.version, figures);
  return figures;
};

const readAlertFigures = async (from: Date) => {
  const key = from.toISOString();
  const known = alertFigures.get(key);
  const { rollupVersion, figures } = await selectAlertFigures({ from, limit: TOP, knownVersion: known?.version });
  if (figures) alertFigures.set(key, figures.version, figures);
  const alerts = figures ?? known?.value;
  if (!alerts) throw new Error("the dashboard query returned no alert figures");
  return { rollupVersion, alerts };
};

/**
 * Everything the dashboard shows for one range, from the rollups, alerts and connectors only (never the
 * activities table). Buckets are UTC hours or days; empty buckets are filled with zeros.
 */
export const getDashboard = async (options: Readonly<{ range: TDashboardRange; now?: Date }>): Promise<TDashboardDto> => {
  const now = options.now ?? new Date();
  const { bucket, buckets } = RANGES[options.range];
  const size = bucket === "hour" ? HOUR_MS : DAY_MS;
  const from = new Date(floorTo(now, size).getTime() - (buckets - 1) * size);
  const dailyFrom = utcDay(from);
  const last24hFrom = new Date(floorTo(now, HOUR_MS).getTime() - 23 * HOUR_MS);
  // The processing lag is one small index-backed statement (health-repository.ts), read live on every load.
  const [{ rollupVersion, alerts }, connectors, scores, processingLag, sessions] = await Promise.all([
    readAlertFigures(from),
    listConnectorRecords(),
    getLatestScores(),
    getProcessingLag({ now }),
    selectSessionFigures({ from, downloadActions: DOWNLOAD_ACTIONS }),
  ]);
  const figures = await readRollupFigures(`${options.range}|${from.toISOString()}|${last24hFrom.toISOString()}`, rollupVersion, () =>
    selectRollupFigures({ from, bucket, last24hFrom, dayFrom: dailyFrom, limit: TOP, excludeActorName: SYSTEM_ACTOR_NAME }),
  );
  const { series, last24h, topActors: actors, topCountries: countries } = figures;
  const { openAlerts, alertsByPolicy: byPolicy } = alerts;
  const earned = scores.reduce((sum, s) => sum + s.pointsEarned, 0);
  const possible = scores.reduce((sum, s) => sum + s.pointsPossible, 0);

  const perProduct = new Map<string, number>();
  const byBucket = new Map<number, { counts: Record<string, number>; failed: number }>();
  for (const row of series) {
    perProduct.set(row.product, (perProduct.get(row.product) ?? 0) + row.count);
    const entry = byBucket.get(row.t.getTime()) ?? { counts: {}, failed: 0 };
    entry.counts[row.product] = (entry.counts[row.product] ?? 0) + row.count;
    entry.failed += row.failed;
    byBucket.set(row.t.getTime(), entry);
  }
  const times = Array.from({ length: buckets }, (_, i) => from.getTime() + i * size);
  const products = [...perProduct.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p);
  const severity = (s: string) => openAlerts.get(s) ?? 0;

  return {
    range: options.range,
    from: from.toISOString(),
    to: now.toISOString(),
    bucket,
    dailyFrom,
    kpis: {
      secureScore: scores.length === 0 ? null : { score: possible === 0 ? 0 : Math.round((earned / possible) * 1000) / 10, pointsEarned: earned, pointsPossible: possible, orgs: scores.length },
      activities: [...perProduct.values()].reduce((a, b) => a + b, 0),
      activitiesLast24h: last24h,
      failedLogins: series.reduce((a, r) => a + r.failed, 0),
      activeUsers: actors.distinct,
      openAlerts: { low: severity("low"), medium: severity("medium"), high: severity("high"), total: severity("low") + severity("medium") + severity("high") },
      connectors: {
        total: connectors.length,
        healthy: connectors.filter((c) => HEALTHY.has(c.status)).length,
        attention: connectors.filter((c) => ATTENTION.has(c.status)).length,
      },
    },
    products,
    activityOverTime: times.map((t) => ({ t: new Date(t).toISOString(), counts: byBucket.get(t)?.counts ?? {} })),
    failedLoginsOverTime: times.map((t) => ({ t: new Date(t).toISOString(), count: byBucket.get(t)?.failed ?? 0 })),
    topUsers: actors.rows,
    topCountries: countries.map((c) => ({
      countryCode: c.countryCode || null,
      name: c.countryCode ? (findCountry(c.countryCode)?.name ?? c.countryCode) : "Unknown",
      count: c.count,
    })),
    alertsByPolicy: byPolicy,
    // The connectors' rows alone: the health card needs no live request or activity counts (two queries fewer).
    connectors: connectors.map((c) => ({ id: c.id, name: c.name, status: c.status, lastSyncAt: c.lastSyncAt?.toISOString() ?? null, lagSeconds: lagSecondsOf(c, now), eventsQuarantined: Number(c.eventsQuarantined) })),
    processingLag,
    sessions: sessionsDto(sessions),
  };
};

const sessionsDto = (s: SessionFigures): TDashboardDto["sessions"] => ({
  protectedSites: s.protectedSites,
  proxiedSessions: s.sessions,
  unmanagedSessions: s.unmanaged,
  unmanagedShare: s.sessions === 0 ? null : Math.round((s.unmanaged / s.sessions) * 1000) / 10,
  downloadsBlocked: s.downloadsBlocked,
});
