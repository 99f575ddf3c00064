import { getDb, getPgPool } from "../db";

export type TakeResult = Readonly<{ isGranted: boolean; waitMs: number }>;

/**
 * Takes one token from the bucket `key` (capacity `burst`, refilled at `perSecond`), atomically in
 * Postgres so that every worker process shares one budget per API key. Uses the database clock.
 */
export const takeRateToken = async (key: string, options: Readonly<{ perSecond: number; burst: number }>): Promise<TakeResult> => {
  const db = getDb();
  const { perSecond, burst } = options;
  await db.$executeRaw`INSERT INTO rate_buckets (key, tokens, updated_at) VALUES (${key}, ${burst}, clock_timestamp()) ON CONFLICT (key) DO NOTHING`;
  const rows = await db.$queryRaw<{ before: number }[]>`
    WITH refilled AS (
      SELECT LEAST(${burst}::float8, tokens + GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - updated_at)) * ${perSecond}::float8) AS level
      FROM rate_buckets WHERE key = ${key} FOR UPDATE
    )
    UPDATE rate_buckets SET
      tokens = CASE WHEN refilled.level >= 1 THEN refilled.level - 1 ELSE refilled.level END,
      updated_at = clock_timestamp(),
      window_count = CASE WHEN window_start > clock_timestamp() - interval '60 seconds' THEN window_count ELSE 0 END
        + CASE WHEN refilled.level >= 1 THEN 1 ELSE 0 END,
      window_start = CASE WHEN window_start > clock_timestamp() - interval '60 seconds' THEN window_start ELSE clock_timestamp() END
    FROM refilled WHERE rate_buckets.key = ${key}
    RETURNING refilled.level AS before`;
  const level = Number(rows[0]?.before ?? 0);
  if (level >= 1) return { isGranted: true, waitMs: 0 };
  return { isGranted: false, waitMs: Math.ceil(((1 - level) / perSecond) * 1000) };
};

/** Empties the bucket until `until` (after a 429, so every worker holds back). */
export const drainRateBucket = async (key: string, until: Date, perSecond: number): Promise<void> => {
  // Negative tokens that refill to zero exactly at `until`.
  await getDb().$executeRaw`
    UPDATE rate_buckets SET tokens = -GREATEST(0, EXTRACT(EPOCH FROM ${until}::timestamptz - clock_timestamp())) * ${perSecond}::float8,
      updated_at = clock_timestamp() WHERE key = ${key}`;
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
