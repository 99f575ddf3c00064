import { sql } from "kysely";
import type pg from "pg";
import type { Prisma, RecommendationState } from "../../generated/prisma/client";
import { getDb, getPgPool, getSql, type Db } from "../db";
import { queryInTransaction } from "./transaction-sql";
import { runPrepared } from "./prepared-statement";

// Posture evaluations and recommendation overrides. What posture reads or writes of connectors, the directory,
// activities and alerts lives in those tables' repositories.

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
