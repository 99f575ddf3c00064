import { sql } from "kysely";
import type pg from "pg";
import type { Prisma, RecommendationState } from "../../generated/prisma/client";
import { getDb, getPgPool, getSql, type Db } from "../db";
import { queryInTransaction } from "./transaction-sql";
import { runPrepared } from "./prepared-statement";

// Posture evaluations and recommendation overrides. The reads of connectors, the directory, activities and
// alerts here (marked "A1's table") belong with those tables' repositories; they stay here until those move.

/** What the posture engine reads of one connector: the synced directory and the connector's own API key. */
export const loadPostureSource = async (connectorId: string, db: Db = getDb()) => {
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

export const findPostureConnector = (connectorId: string, db: Db = getDb()) =>
  db.connector.findUnique({ where: { id: connectorId }, select: { id: true, name: true, status: true, directorySyncedAt: true } });

export const listOverrides = async (connectorId: string, db: Db = getDb()) =>
  db.recommendationOverride.findMany({ where: { connectorId }, select: { key: true, state: true, reason: true, setById: true, setAt: true } });

export const findOverride = (connectorId: string, key: string, db: Db = getDb()) =>
  db.recommendationOverride.findUnique({ where: { connectorId_key: { connectorId, key } }, select: { state: true, reason: true } });

/** Sets (or with "active", removes) the override of one recommendation. */
export const saveOverride = async (
  o: Readonly<{ connectorId: string; key: string; state: RecommendationState; reason: string; setById: string | null }>,
  db: Db = getDb(),
) => {
  if (o.state === "active") {
    await db.recommendationOverride.deleteMany({ where: { connectorId: o.connectorId, key: o.key } });
    return;
  }
  const data = { state: o.state, reason: o.reason, setById: o.setById, setAt: new Date() };
  await db.recommendationOverride.upsert({ where: { connectorId_key: { connectorId: o.connectorId, key: o.key } }, create: { connectorId: o.connectorId, key: o.key, ...data }, update: data, select: { key: true } });
};

const EVALUATION_SELECT = { id: true, at: true, trigger: true, score: true, pointsEarned: true, pointsPossible: true, results: true } as const;

export const findLatestEvaluation = (connectorId: string, db: Db = getDb()) =>
  db.postureEvaluation.findFirst({ where: { connectorId }, orderBy: { at: "desc" }, select: EVALUATION_SELECT });

export const insertEvaluation = async (
  e: Readonly<{ id: string; connectorId: string; at: Date; trigger: string; score: number; pointsEarned: number; pointsPossible: number; results: unknown }>,
  db: Db = getDb(),
) => {
  await db.postureEvaluation.create({ data: { ...e, results: e.results as Prisma.InputJsonValue }, select: { id: true } });
};

/** Score history, oldest first, bounded by time. */
export const listScoreHistory = (connectorId: string, since: Date, db: Db = getDb()) =>
  db.postureEvaluation.findMany({ where: { connectorId, at: { gte: since } }, orderBy: { at: "asc" }, select: { at: true, score: true } });

/** The UTC day of a timestamp column, as the prune compares them. */
const utcDay = (column: "e.at" | "l.at") => sql`date_trunc('day', ${sql.ref(column)} AT TIME ZONE 'UTC')`;

/** Keeps every evaluation of the last `keepAllDays`, and the last one of each day before that. */
export const pruneEvaluations = async (connectorId: string, keepAllSince: Date, db: Db = getDb()): Promise<number> => {
  const result = await db.$kysely
    .deleteFrom("posture_evaluations as e")
    .where("e.connector_id", "=", connectorId)
    .where("e.at", "<", keepAllSince)
    .where("e.id", "<>", (eb) =>
      eb
        .selectFrom("posture_evaluations as l")
        .select("l.id")
        .whereRef("l.connector_id", "=", "e.connector_id")
        .where(utcDay("l.at"), "=", utcDay("e.at"))
        .orderBy("l.at", "desc")
        .limit(1),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
};

/** The latest score of every connector (one row each), for the dashboard: a named prepared statement on the pool. */
export const listLatestScores = (pool: pg.Pool = getPgPool()) =>
  runPrepared(
    "latest-scores",
    getSql()
      .selectFrom("posture_evaluations as e")
      .innerJoin("connectors as c", "c.id", "e.connector_id")
      .distinctOn("e.connector_id")
      .select(["e.connector_id", "c.name", "e.at", "e.score", "e.points_earned", "e.points_possible"])
      .orderBy("e.connector_id")
      .orderBy("e.at", "desc")
      .compile(),
    pool,
  );

/**
 * Connectors whose directory was synced after their latest evaluation (or never evaluated), and that are
 * not syncing right now: the pass evaluates at its end, once the audit events behind a change are stored.
 * (Returns A1's table, connectors.)
 */
export const listConnectorsDueForPosture = async (db: Db = getDb()): Promise<string[]> =>
  (
    await db.$kysely
      .selectFrom("connectors as c")
      .select("c.id")
      .where("c.directory_synced_at", "is not", null)
      .where((eb) => eb.or([eb("c.sync_lease_until", "is", null), eb("c.sync_lease_until", "<", sql<Date>`now()`)]))
      .where((eb) =>
        eb(
          "c.directory_synced_at",
          ">",
          eb.fn.coalesce(
            eb.selectFrom("posture_evaluations as e").select((s) => s.fn.max("e.at").as("latest")).whereRef("e.connector_id", "=", "c.id"),
            sql<Date>`'-infinity'`,
          ),
        ),
      )
      .execute()
  ).map((r) => r.id);

/** Makes the next sync pass re-read users, domains and policies now (the on-demand refresh). */
export const requestDirectoryResync = async (connectorId: string, db: Db = getDb()) => {
  await db.connector.update({ where: { id: connectorId }, data: { directorySyncedAt: null, nextRetryAt: null, isCaughtUp: false }, select: { id: true } });
};

/** Org audit events of the given actions in a time window, newest first: the changes behind a drift. */
export const findSettingChanges = (connectorId: string, actions: readonly string[], from: Date, to: Date, limit = 10, db: Db = getDb()) =>
  db.activity.findMany({
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
export const upsertPostureAlert = async (a: PostureAlertInput, db: Db = getDb()): Promise<string> => {
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
export const withPostureLock = async <T>(connectorId: string, fn: () => Promise<T>, db: Db = getDb()): Promise<T> =>
  db.$transaction(
    async (tx) => {
      // A fragment: an advisory lock is a function call, not a table the builder knows.
      await queryInTransaction(tx, sql`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`posture:${connectorId}`}))`);
      return fn();
    },
    { timeout: 120_000, maxWait: 60_000 },
  );

/** posture_regression alerts of a connector with their linked activity seqs, newest first. */
export const listPostureAlerts = async (connectorId: string, db: Db = getDb()) =>
  db.alert.findMany({
    where: { connectorId, policyKey: "posture_regression" },
    orderBy: { createdAt: "desc" },
    select: { id: true, policyId: true, policyName: true, severity: true, userAccountId: true, userEmail: true, userName: true, title: true, details: true, episodeKey: true, activityCount: true, activities: { select: { activitySeq: true } } },
  });
