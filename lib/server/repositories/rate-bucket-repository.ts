import type pg from "pg";
import { emptyBucket, shape, type TBucketState } from "../../shared/rate-budget";
import { getPgPool } from "../db";

export type TakeResult = Readonly<{ isGranted: boolean; waitMs: number }>;

/** One bucket of a change: its key and the budget it starts from when it has no row yet. */
export type TBucketRef = Readonly<{ key: string; defaultPerMinute: number }>;

type TRow = {
  key: string;
  tokens: number;
  updated_ms: string;
  window_start_ms: string;
  window_count: number;
  learned_limit: number | null;
  remaining: number | null;
  reset_ms: string | null;
  lowered_limit: number | null;
  lowered_until_ms: string | null;
};

const ms = (column: string) => `(EXTRACT(EPOCH FROM ${column}) * 1000)::float8::text`;

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

const SELECT_FOR_UPDATE = `SELECT key, tokens, ${ms("updated_at")} AS updated_ms, ${ms("window_start")} AS window_start_ms, window_count, learned_limit,
    remaining, ${ms("reset_at")} AS reset_ms, lowered_limit, ${ms("lowered_until")} AS lowered_until_ms, ${ms("clock_timestamp()")} AS now_ms
  FROM rate_buckets WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`;

/** Writes every changed bucket in one statement. */
const saveAll = async (client: pg.PoolClient, changed: readonly (readonly [string, TBucketState])[]) => {
  if (changed.length === 0) return;
  const column = <T>(pick: (state: TBucketState) => T) => changed.map(([, state]) => pick(state));
  const at = (value: number | null) => (value === null ? null : new Date(value).toISOString());
  await client.query(
    `UPDATE rate_buckets b SET tokens = u.tokens, updated_at = u.updated_at, window_start = u.window_start, window_count = u.window_count,
       learned_limit = u.learned_limit, remaining = u.remaining, reset_at = u.reset_at, lowered_limit = u.lowered_limit, lowered_until = u.lowered_until
     FROM unnest($1::text[], $2::float8[], $3::timestamptz[], $4::timestamptz[], $5::int[], $6::int[], $7::int[], $8::timestamptz[], $9::int[], $10::timestamptz[])
       AS u(key, tokens, updated_at, window_start, window_count, learned_limit, remaining, reset_at, lowered_limit, lowered_until)
     WHERE b.key = u.key`,
    [
      changed.map(([key]) => key),
      column((s) => s.tokens),
      column((s) => at(s.updatedAtMs)),
      column((s) => at(s.windowStartMs)),
      column((s) => s.windowCount),
      column((s) => s.learnedLimit),
      column((s) => s.remaining),
      column((s) => at(s.resetAtMs)),
      column((s) => s.loweredLimit),
      column((s) => at(s.loweredUntilMs)),
    ],
  );
};

/**
 * Runs `change` on the buckets `refs` (created full when missing) under a row lock, with the database clock, and
 * stores what it returns: every worker process shares one budget per bucket. Locks in key order (no deadlock).
 */
export const updateRateBuckets = async <T>(
  refs: readonly TBucketRef[],
  change: (states: TBucketState[], nowMs: number) => { states: TBucketState[]; result: T },
): Promise<T> => {
  const keys = refs.map((r) => r.key);
  const client = await getPgPool().connect();
  try {
    await client.query("BEGIN");
    let { rows } = await client.query<TRow & { now_ms: string }>(SELECT_FOR_UPDATE, [keys]);
    if (rows.length < refs.length) {
      await client.query(
        `INSERT INTO rate_buckets (key, tokens, updated_at, window_start, window_count)
         SELECT u.key, u.tokens, clock_timestamp(), clock_timestamp(), 0 FROM unnest($1::text[], $2::float8[]) AS u(key, tokens) ORDER BY u.key
         ON CONFLICT (key) DO NOTHING`,
        [keys, refs.map((r) => shape(r.defaultPerMinute).capacity)],
      );
      ({ rows } = await client.query<TRow & { now_ms: string }>(SELECT_FOR_UPDATE, [keys]));
    }
    const nowMs = Number(rows[0]?.now_ms ?? Date.now());
    const byKey = new Map(rows.map((row) => [row.key, toState(row)]));
    const states = refs.map((ref) => byKey.get(ref.key) ?? emptyBucket(nowMs, ref.defaultPerMinute));
    const { states: next, result } = change(states, nowMs);
    await saveAll(
      client,
      refs.flatMap((ref, i) => {
        const state = next[i];
        return state && state !== states[i] ? [[ref.key, state] as const] : [];
      }),
    );
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/** A stored bucket: the per-user row (`<key>`) or a family's (`<key>:<family>`), with the database clock. */
export type TRateBucketRow = Readonly<{ key: string; state: TBucketState; nowMs: number }>;

/** Every bucket of the API keys `keys` (per-user rows and their families'). */
export const findRateBuckets = async (keys: readonly string[]): Promise<TRateBucketRow[]> => {
  if (keys.length === 0) return [];
  const { rows } = await getPgPool().query<TRow & { now_ms: string }>(
    `SELECT key, tokens, ${ms("updated_at")} AS updated_ms, ${ms("window_start")} AS window_start_ms, window_count, learned_limit, remaining,
       ${ms("reset_at")} AS reset_ms, lowered_limit, ${ms("lowered_until")} AS lowered_until_ms, ${ms("clock_timestamp()")} AS now_ms
     FROM rate_buckets WHERE split_part(key, ':', 1) = ANY($1::text[]) ORDER BY key`,
    [[...keys]],
  );
  return rows.map((row) => ({ key: row.key, state: toState(row), nowMs: Number(row.now_ms) }));
};

/** Requests granted in the current minute window of each bucket (0 when the window is stale). */
export const countRecentRequests = async (keys: readonly string[]): Promise<Map<string, number>> => {
  if (keys.length === 0) return new Map();
  // Plain SQL on the pg pool: read by every dashboard and connectors page (bench:load, docs/benchmarks.md).
  const { rows } = await getPgPool().query<{ key: string; n: number }>({
    name: "recent-requests",
    text: "SELECT key, window_count AS n FROM rate_buckets WHERE key = ANY($1::text[]) AND window_start > $2",
    values: [[...keys], new Date(Date.now() - 60_000)],
  });
  return new Map(rows.map((r) => [r.key, r.n]));
};
