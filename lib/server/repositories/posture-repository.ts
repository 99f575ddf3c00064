import type { Prisma, RecommendationState } from "../../generated/prisma/client";
import { getDb, getPgPool } from "../db";

/** What the posture engine reads of one connector: the synced directory and the connector's own API key. */
export const loadPostureSource = async (connectorId: string) => {
  const db = getDb();
  const connector = await db.connector.findUnique({
    where: { id: connectorId },
    select: { id: true, name: true, status: true, apiKeyLast4: true, apiKeySetAt: true, apiKeyExpiresAt: true, directorySyncedAt: true },
  });
  if (!connector) return null;
  const [policies, users, domains] = await Promise.all([
    db.orgPolicy.findMany({ where: { connectorId }, select: { policyId: true, type: true, name: true, status: true, attributes: true }, orderBy: { policyId: "asc" } }),
    db.atlassianUser.findMany({
      where: { connectorId },
      select: { accountId: true, name: true, email: true, status: true, isAdmin: true, lastActiveAt: true, raw: true },
      orderBy: { accountId: "asc" },
    }),
    db.orgDomain.findMany({ where: { connectorId }, select: { name: true, status: true }, orderBy: { name: "asc" } }),
  ]);
  return { connector, policies, users, domains };
};

export const findPostureConnector = (connectorId: string) =>
  getDb().connector.findUnique({ where: { id: connectorId }, select: { id: true, name: true, status: true, directorySyncedAt: true } });

export const listOverrides = async (connectorId: string) =>
  getDb().recommendationOverride.findMany({ where: { connectorId }, select: { key: true, state: true, reason: true, setById: true, setAt: true } });

export const findOverride = (connectorId: string, key: string) =>
  getDb().recommendationOverride.findUnique({ where: { connectorId_key: { connectorId, key } }, select: { state: true, reason: true } });

/** Sets (or with "active", removes) the override of one recommendation. */
export const saveOverride = async (o: Readonly<{ connectorId: string; key: string; state: RecommendationState; reason: string; setById: string | null }>) => {
  const db = getDb();
  if (o.state === "active") {
    await db.recommendationOverride.deleteMany({ where: { connectorId: o.connectorId, key: o.key } });
    return;
  }
  const data = { state: o.state, reason: o.reason, setById: o.setById, setAt: new Date() };
  await db.recommendationOverride.upsert({ where: { connectorId_key: { connectorId: o.connectorId, key: o.key } }, create: { connectorId: o.connectorId, key: o.key, ...data }, update: data, select: { key: true } });
};

/** Emails of portal users, to show who set an override. */
export const findUserEmails = async (ids: readonly string[]) =>
  new Map((await getDb().user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));

const EVALUATION_SELECT = { id: true, at: true, trigger: true, score: true, pointsEarned: true, pointsPossible: true, results: true } as const;

export const findLatestEvaluation = (connectorId: string) =>
  getDb().postureEvaluation.findFirst({ where: { connectorId }, orderBy: { at: "desc" }, select: EVALUATION_SELECT });

export const insertEvaluation = async (e: Readonly<{ id: string; connectorId: string; at: Date; trigger: string; score: number; pointsEarned: number; pointsPossible: number; results: unknown }>) => {
  await getDb().postureEvaluation.create({ data: { ...e, results: e.results as Prisma.InputJsonValue }, select: { id: true } });
};

/** Score history, oldest first, bounded by time. */
export const listScoreHistory = (connectorId: string, since: Date) =>
  getDb().postureEvaluation.findMany({ where: { connectorId, at: { gte: since } }, orderBy: { at: "asc" }, select: { at: true, score: true } });

/** Keeps every evaluation of the last `keepAllDays`, and the last one of each day before that. */
export const pruneEvaluations = async (connectorId: string, keepAllSince: Date): Promise<number> =>
  getDb().$executeRaw`
    DELETE FROM posture_evaluations e WHERE e.connector_id = ${connectorId}::uuid AND e.at < ${keepAllSince}
      AND e.id <> (SELECT l.id FROM posture_evaluations l WHERE l.connector_id = e.connector_id
                   AND date_trunc('day', l.at AT TIME ZONE 'UTC') = date_trunc('day', e.at AT TIME ZONE 'UTC') ORDER BY l.at DESC LIMIT 1)`;

/** The latest score of every connector (one row each), for the dashboard. */
export const listLatestScores = async () =>
  (
    await getPgPool().query<{ connector_id: string; name: string; at: Date; score: number; points_earned: number; points_possible: number }>({
      name: "latest-scores",
      text: `SELECT DISTINCT ON (e.connector_id) e.connector_id::text, c.name, e.at, e.score, e.points_earned, e.points_possible
        FROM posture_evaluations e JOIN connectors c ON c.id = e.connector_id
        ORDER BY e.connector_id, e.at DESC`,
    })
  ).rows;

/**
 * Connectors whose directory was synced after their latest evaluation (or never evaluated), and that are
 * not syncing right now: the pass evaluates at its end, once the audit events behind a change are stored.
 */
export const listConnectorsDueForPosture = async (): Promise<string[]> =>
  (
    await getDb().$queryRaw<{ id: string }[]>`
      SELECT c.id FROM connectors c
      WHERE c.directory_synced_at IS NOT NULL
        AND (c.sync_lease_until IS NULL OR c.sync_lease_until < now())
        AND c.directory_synced_at > COALESCE((SELECT max(e.at) FROM posture_evaluations e WHERE e.connector_id = c.id), '-infinity')`
  ).map((r) => r.id);

/** Makes the next sync pass re-read users, domains and policies now (the on-demand refresh). */
export const requestDirectoryResync = async (connectorId: string) => {
  await getDb().connector.update({ where: { id: connectorId }, data: { directorySyncedAt: null, nextRetryAt: null, isCaughtUp: false }, select: { id: true } });
};

/** Org audit events of the given actions in a time window, newest first: the changes behind a drift. */
export const findSettingChanges = (connectorId: string, actions: readonly string[], from: Date, to: Date, limit = 10) =>
  getDb().activity.findMany({
    where: { connectorId, action: { in: [...actions] }, eventTime: { gte: from, lte: to } },
    orderBy: [{ eventTime: "desc" }, { seq: "desc" }],
    take: limit,
    select: { seq: true, action: true, actionName: true, eventTime: true, actorId: true, actorName: true, actorEmail: true },
  });

export type PostureAlertInput = Readonly<{
  connectorId: string;
  episodeKey: string;
  severity: "low" | "medium" | "high";
  title: string;
  explanation: string;
  details: Record<string, unknown>;
  actor: { accountId: string; name: string | null; email: string | null } | null;
  activitySeqs: readonly bigint[];
  firstAt: Date;
  lastAt: Date;
}>;

/** Raises (idempotently, by episode key) a posture_regression alert and links the audit events behind it. */
export const upsertPostureAlert = async (a: PostureAlertInput): Promise<string> => {
  const db = getDb();
  const fields = {
    policyKey: "posture_regression",
    policyName: "Security posture regression",
    severity: a.severity,
    connectorId: a.connectorId,
    userAccountId: a.actor?.accountId ?? null,
    userEmail: a.actor?.email ?? null,
    userName: a.actor?.name ?? null,
    title: a.title,
    explanation: a.explanation,
    details: a.details as Prisma.InputJsonValue,
    activityCount: a.activitySeqs.length,
    firstActivityAt: a.firstAt,
    lastActivityAt: a.lastAt,
  };
  return db.$transaction(async (tx) => {
    const alert = await tx.alert.upsert({ where: { episodeKey: a.episodeKey }, create: { ...fields, episodeKey: a.episodeKey }, update: fields, select: { id: true } });
    if (a.activitySeqs.length > 0) {
      await tx.alertActivity.createMany({ data: a.activitySeqs.map((activitySeq) => ({ alertId: alert.id, activitySeq })), skipDuplicates: true });
    }
    return alert.id;
  });
};

/** Serializes evaluations of one connector across processes (sync hook, poller, API) with an advisory lock. */
export const withPostureLock = async <T>(connectorId: string, fn: () => Promise<T>): Promise<T> =>
  getDb().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`posture:${connectorId}`}))`;
      return fn();
    },
    { timeout: 120_000, maxWait: 60_000 },
  );

/** posture_regression alerts of a connector with their linked activity seqs, newest first. */
export const listPostureAlerts = async (connectorId: string) =>
  getDb().alert.findMany({
    where: { connectorId, policyKey: "posture_regression" },
    orderBy: { createdAt: "desc" },
    select: { id: true, policyId: true, policyName: true, severity: true, userAccountId: true, userEmail: true, userName: true, title: true, details: true, episodeKey: true, activityCount: true, activities: { select: { activitySeq: true } } },
  });
