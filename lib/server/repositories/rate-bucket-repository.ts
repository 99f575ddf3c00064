import { sql, type RawBuilder } from "kysely";
import { emptyBucket, shape, type TBucketState } from "../../shared/rate-budget";
import { getSql, type Sql } from "../db";

export type TakeResult = Readonly<{ isGranted: boolean; waitMs: number }>;

/** One bucket of a change: its key and the budget it starts from when it has no row yet. */
export type TBucketRef = Readonly<{ key: string; defaultPerMinute: number }>;

// Times go as epoch ms (text of a float8): the bucket arithmetic is in ms, and the database's clock is the one used.
const epochMs = (time: RawBuilder<Date> | "updated_at" | "window_start") =>
  sql<string>`(EXTRACT(EPOCH FROM ${typeof time === "string" ? sql.ref(time) : time}) * 1000)::float8::text`;
const epochMsOrNull = (time: "reset_at" | "lowered_until") => sql<string | null>`(EXTRACT(EPOCH FROM ${sql.ref(time)}) * 1000)::float8::text`;

const selectBuckets = (db: Sql) =>
  db
    .selectFrom("rate_buckets")
    .select([
      "key",
      "tokens",
      epochMs("updated_at").as("updated_ms"),
      epochMs("window_start").as("window_start_ms"),
      "window_count",
      "learned_limit",
      "remaining",
      epochMsOrNull("reset_at").as("reset_ms"),
      "lowered_limit",
      epochMsOrNull("lowered_until").as("lowered_until_ms"),
      epochMs(sql<Date>`clock_timestamp()`).as("now_ms"),
    ]);

type TRow = Awaited<ReturnType<ReturnType<typeof selectBuckets>["executeTakeFirstOrThrow"]>>;

const toState = (row: TRow): TBucketState => ({
  tokens: Number(row.tokens),
  updatedAtMs: Number(row.updated_ms),
  windowStartMs: Number(row.window_start_ms),
  windowCount: row.window_count,
  learnedLimit: row.learned_limit,
  remaining: row.remaining,
  resetAtMs: row.reset_ms === null ? null : Number(row.reset_ms),
  loweredLimit: row.lowered_limit,
  loweredUntilMs: row.lowered_until_ms === null ? null : Number(row.lowered_until_ms),
});

const lockBuckets = (trx: Sql, keys: readonly string[]) => selectBuckets(trx).where("key", "=", sql<string>`ANY(${[...keys]}::text[])`).orderBy("key").forUpdate().execute();

/** Writes every changed bucket in one statement. */
const saveAll = async (trx: Sql, changed: readonly (readonly [string, TBucketState])[]) => {
  if (changed.length === 0) return;
  const column = <T>(pick: (state: TBucketState) => T) => changed.map(([, state]) => pick(state));
  const at = (value: number | null) => (value === null ? null : new Date(value).toISOString());
  // One array per column, zipped by unnest: a fragment (the builder cannot say unnest's column alias list).
  const u = sql<{
    key: string;
    tokens: number;
    updated_at: Date;
    window_start: Date;
    window_count: number;
    learned_limit: number | null;
    remaining: number | null;
    reset_at: Date | null;
    lowered_limit: number | null;
    lowered_until: Date | null;
  }>`unnest(${changed.map(([key]) => key)}::text[], ${column((s) => s.tokens)}::float8[], ${column((s) => at(s.updatedAtMs))}::timestamptz[],
    ${column((s) => at(s.windowStartMs))}::timestamptz[], ${column((s) => s.windowCount)}::int[], ${column((s) => s.learnedLimit)}::int[],
    ${column((s) => s.remaining)}::int[], ${column((s) => at(s.resetAtMs))}::timestamptz[], ${column((s) => s.loweredLimit)}::int[],
    ${column((s) => at(s.loweredUntilMs))}::timestamptz[])`.as<"u">(
    sql`u(key, tokens, updated_at, window_start, window_count, learned_limit, remaining, reset_at, lowered_limit, lowered_until)`,
  );
  await trx
    .updateTable("rate_buckets as b")
    .from(u)
    .set((eb) => ({
      tokens: eb.ref("u.tokens"),
      updated_at: eb.ref("u.updated_at"),
      window_start: eb.ref("u.window_start"),
      window_count: eb.ref("u.window_count"),
      learned_limit: eb.ref("u.learned_limit"),
      remaining: eb.ref("u.remaining"),
      reset_at: eb.ref("u.reset_at"),
      lowered_limit: eb.ref("u.lowered_limit"),
      lowered_until: eb.ref("u.lowered_until"),
    }))
    .whereRef("b.key", "=", "u.key")
    .execute();
};

/** Creates the missing buckets full (a concurrent creator wins, nothing is overwritten), in key order. */
const insertMissing = async (trx: Sql, refs: readonly TBucketRef[]) => {
  const u = sql<{ key: string; tokens: number }>`unnest(${refs.map((r) => r.key)}::text[], ${refs.map((r) => shape(r.defaultPerMinute).capacity)}::float8[])`.as<"u">(
    sql`u(key, tokens)`,
  );
  await trx
    .insertInto("rate_buckets")
    .columns(["key", "tokens", "updated_at", "window_start", "window_count"])
    .expression((eb) =>
      eb
        .selectFrom(u)
        .select(["u.key", "u.tokens", sql<Date>`clock_timestamp()`.as("updated_at"), sql<Date>`clock_timestamp()`.as("window_start"), sql<number>`0`.as("window_count")])
        .orderBy("u.key"),
    )
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
};

/**
 * Runs `change` on the buckets `refs` (created full when missing) under a row lock, with the database clock, and
 * stores what it returns: every worker process shares one budget per bucket. Locks in key order (no deadlock).
 */
export const updateRateBuckets = async <T>(
  refs: readonly TBucketRef[],
  change: (states: TBucketState[], nowMs: number) => { states: TBucketState[]; result: T },
  db: Sql = getSql(),
): Promise<T> => {
  const keys = refs.map((r) => r.key);
  return db.transaction().execute(async (trx) => {
    let rows = await lockBuckets(trx, keys);
    if (rows.length < refs.length) {
      await insertMissing(trx, refs);
      rows = await lockBuckets(trx, keys);
    }
    const nowMs = Number(rows[0]?.now_ms ?? Date.now());
    const byKey = new Map(rows.map((row) => [row.key, toState(row)]));
    const states = refs.map((ref) => byKey.get(ref.key) ?? emptyBucket(nowMs, ref.defaultPerMinute));
    const { states: next, result } = change(states, nowMs);
    await saveAll(
      trx,
      refs.flatMap((ref, i) => {
        const state = next[i];
        return state && state !== states[i] ? [[ref.key, state] as const] : [];
      }),
    );
    return result;
  });
};

/** A stored bucket: the per-user row (`<key>`) or a family's (`<key>:<family>`), with the database clock. */
export type TRateBucketRow = Readonly<{ key: string; state: TBucketState; nowMs: number }>;

/** Every bucket of the API keys `keys` (per-user rows and their families'). */
export const findRateBuckets = async (keys: readonly string[], db: Sql = getSql()): Promise<TRateBucketRow[]> => {
  if (keys.length === 0) return [];
  const rows = await selectBuckets(db)
    .where(sql<string>`split_part(${sql.ref("key")}, ':', 1)`, "=", sql<string>`ANY(${[...keys]}::text[])`)
    .orderBy("key")
    .execute();
  return rows.map((row) => ({ key: row.key, state: toState(row), nowMs: Number(row.now_ms) }));
};

/** Requests granted in the current minute window of each bucket (0 when the window is stale). */
export const countRecentRequests = async (keys: readonly string[], db: Sql = getSql()): Promise<Map<string, number>> => {
  if (keys.length === 0) return new Map();
  // On the pg pool: read by every dashboard and connectors page (bench:load, docs/benchmarks.md).
  const rows = await db
    .selectFrom("rate_buckets")
    .select(["key", "window_count as n"])
    .where("key", "=", sql<string>`ANY(${[...keys]}::text[])`)
    .where("window_start", ">", new Date(Date.now() - 60_000))
    .execute();
  return new Map(rows.map((r) => [r.key, r.n]));
};
