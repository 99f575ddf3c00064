import { expressionBuilder, sql, type AliasableExpression, type Expression, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from "kysely";
import type { TActivityCursor, TActivityDto, TActivitySource } from "../../shared/schemas/activities";
import type { TSessionOutcome } from "../../shared/schemas/session-policies";
import { getSql, type Sql } from "../db";
import { buildConditions, escapeLike, type ActivityQueryFilter, type ActivityRange, type ActivityTables } from "./activity-query-filter";

export type { ActivityQueryFilter, ActivityRange, ActivityTables } from "./activity-query-filter";
type ActivityEb = ExpressionBuilder<ActivityTables, "a">;

/**
 * Read side of the activity log, on the pg pool (getSql(): the hot path bench:activity-log measures,
 * docs/benchmarks.md). Every query is keyset-ordered on (event_time DESC, seq DESC), never OFFSET, and written
 * so that one of the activities indexes (prisma/schema.prisma, model Activity) serves both the filter and the
 * order: the planner stops after `limit` rows instead of sorting the matches.
 */

/** A timestamp column as ISO 8601 text in UTC (a fragment: to_char and its format have no builder form). */
export const isoText = (column: Expression<unknown>) => sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const isoNullable = (column: Expression<unknown>) => isoText(column) as unknown as ReturnType<typeof sql<string | null>>;

/**
 * Each DTO field as an expression over the activities row `a`: one source for pages, detail and export. The
 * builder checks every column, and the row type below is what these expressions give.
 */
export const activityFields = (eb: ActivityEb) => ({
  id: eb.cast<string>("a.seq", "text"),
  eventId: eb.ref("a.event_id"),
  connectorId: eb.cast<string>("a.connector_id", "text"),
  // The column is text: its writers (sync, proxy) store only the DTO's values.
  source: eb.ref("a.source").$castTo<TActivitySource>(),
  time: isoText(eb.ref("a.event_time")),
  processedAt: isoNullable(eb.ref("a.processed_at")),
  action: eb.ref("a.action"),
  actionName: eb.ref("a.action_name"),
  actionGroup: eb.ref("a.action_group"),
  product: eb.ref("a.product"),
  siteId: eb.ref("a.site_id"),
  siteName: eb.ref("a.site_name"),
  actorId: eb.ref("a.actor_id"),
  actorName: eb.ref("a.actor_name"),
  actorEmail: eb.ref("a.actor_email"),
  onBehalfOfId: eb.ref("a.on_behalf_of_id"),
  authType: eb.ref("a.auth_type"),
  isSystem: eb.ref("a.is_system"),
  isAdminAction: eb.ref("a.is_admin_action"),
  isImpersonation: eb.ref("a.is_impersonation"),
  targetName: eb.ref("a.target_name"),
  // targets is untyped jsonb: the DTO's schema says what it holds.
  targets: sql<TActivityDto["targets"]>`coalesce(${eb.ref("a.targets")}, '[]'::jsonb)`,
  ip: sql<string | null>`host(${eb.ref("a.ip")})`,
  country: eb.ref("a.country"),
  countryCode: eb.ref("a.country_code"),
  region: eb.ref("a.region"),
  city: eb.ref("a.city"),
  lat: eb.ref("a.lat"),
  lon: eb.ref("a.lon"),
  locationSource: eb.ref("a.location_source"),
  ipCategory: eb.ref("a.ip_category"),
  ipTags: eb.ref("a.ip_tags"),
  message: eb.ref("a.message"),
  // The column is text: only the proxy writes it, with these values.
  sessionOutcome: eb.ref("a.session_outcome").$castTo<TSessionOutcome | null>(),
  // Prisma creates list columns nullable: a row written with NULL still answers a list.
  sessionPolicyIds: sql<string[]>`coalesce(${eb.ref("a.session_policy_ids")}, '{}'::uuid[])::text[]`,
});

type Fields = ReturnType<typeof activityFields>;
export type ActivityField = keyof Fields;

/** An activity as pages, the detail and the export show it: the types of activityFields. */
export type ActivityRow = { [K in ActivityField]: Fields[K] extends Expression<infer T> ? T : never };

const ROW_FIELDS = Object.keys(activityFields(expressionBuilder<ActivityTables, "a">())) as readonly ActivityField[];

/** The page's select list: a.seq (the keyset) and every field under its DTO name. */
const selectRow = (eb: ActivityEb) => [
  eb.ref("a.seq").as("seq"),
  ...Object.entries(activityFields(eb)).map(([field, expression]) => (expression as AliasableExpression<unknown>).as(field)),
];

/** A page row with the helper columns of the query that read it (left out by toActivityRows). */
type PageRow = ActivityRow & { seq: string; candidates?: string };

type Columns<O> = (qb: SelectQueryBuilder<ActivityTables, "a", object>) => SelectQueryBuilder<ActivityTables, "a", O>;

/** Every field of the row, with seq: the default select of a page. */
const ROW: Columns<PageRow> = (qb) => qb.select(selectRow).$castTo<PageRow>();

/**
 * One page of activities, newest first. Several actions (or accounts) become one index-ordered branch each,
 * merged by UNION ALL: `action = ANY(...)` would have to sort every match.
 */
export const buildActivityPageQuery = <O extends { seq: string } = PageRow>(
  filter: ActivityQueryFilter,
  cursor: TActivityCursor | ActivityRange | null,
  /** null: the whole range (only with a `through` bound). */
  limit: number | null,
  /** isUnordered: any matching rows (no ORDER BY), e.g. candidates of a bitmap scan; not with several actions or accounts. */
  options: Readonly<{ columns?: Columns<O>; offset?: number; isUnordered?: boolean }> = {},
  sqlDb: Sql = getSql(),
) => {
  const columns = (options.columns ?? ROW) as Columns<O>;
  const split = (filter.actions?.length ?? 0) > 1 ? "action" : (filter.actorIds?.length ?? 0) > 1 ? "actor" : null;
  const range: ActivityRange = cursor && "after" in cursor ? cursor : { after: cursor };
  const conditions = buildConditions(filter, range, split);
  const branch = (extra: Expression<SqlBool> | null, branchLimit: number | null) => {
    let qb = columns(sqlDb.selectFrom("activities as a"));
    for (const condition of extra ? [...conditions, extra] : conditions) qb = qb.where(condition);
    if (!options.isUnordered) qb = qb.orderBy("a.event_time", "desc").orderBy("a.seq", "desc");
    return branchLimit === null ? qb : qb.limit(branchLimit);
  };
  if (!split) {
    const qb = branch(null, limit);
    return options.offset ? qb.offset(options.offset) : qb;
  }
  const eb = expressionBuilder<ActivityTables, "a">();
  const [column, values] = split === "action" ? (["a.action", filter.actions ?? []] as const) : (["a.actor_id", filter.actorIds ?? []] as const);
  // Each branch must hold the rows the outer OFFSET skips as well.
  const branchLimit = limit === null ? null : limit + (options.offset ?? 0);
  const branches = values.map((value) => branch(eb(column, "=", value), branchLimit).select("a.event_time as sort_time"));
  // A fragment: UNION ALL of parenthesised branches, each with its own ORDER BY and LIMIT (the builder would
  // write them without parentheses, ordering and limiting the union instead).
  // (An embedded query is parenthesised by Kysely already.)
  const union = sql<O & { sort_time: Date }>`(${sql.join(branches, sql` UNION ALL `)})`;
  let outer = sqlDb.selectFrom(union.as("u")).selectAll().orderBy("u.sort_time", "desc").orderBy("u.seq", "desc");
  if (limit !== null) outer = outer.limit(limit);
  return (options.offset ? outer.offset(options.offset) : outer) as unknown as SelectQueryBuilder<ActivityTables, "a", O>;
};

/**
 * The DTO fields of each row, as new objects of one shape. Deleting the helper columns from the driver's rows
 * instead made every row a slow dictionary-mode object, which then cost more to copy and serialize than
 * reading the page did (bench:load CPU profile of the web process).
 */
const toActivityRows = (rows: readonly PageRow[]): ActivityRow[] =>
  rows.map((row) => {
    const out: Partial<Record<ActivityField, unknown>> = {};
    for (const field of ROW_FIELDS) out[field] = row[field];
    return out as ActivityRow;
  });

/**
 * The `size`th row after `after` under the filters other than free text (an index-ordered OFFSET over the
 * filter's index), or null when fewer rows are left: where the free-text page's first step ends, and where an
 * export range ends.
 */
export const findActivityBoundary = async (
  filter: ActivityQueryFilter,
  after: TActivityCursor | null,
  size: number,
  sqlDb: Sql = getSql(),
): Promise<TActivityCursor | null> => {
  const { text: _text, ...others } = filter;
  // Formatted outside: the select list is computed for every row the OFFSET skips, and to_char() over 20,000
  // rows cost 25 ms, five times the probe itself (1M activities).
  const probe = buildActivityPageQuery(others, after, 1, { columns: (qb) => qb.select(["a.event_time", "a.seq"]), offset: size - 1 }, sqlDb);
  return (
    (await sqlDb
      .selectFrom(probe.as("b"))
      .select((eb) => [isoText(eb.ref("b.event_time")).as("time"), eb.cast<string>("b.seq", "text").as("seq")])
      .executeTakeFirst()) ?? null
  );
};

/** Rows the free-text filter first looks through, newest first, before it asks the trigram index. */
const TEXT_SCAN_ROWS = 20_000;

/** Trigram-index matches the rare-word step sorts itself; beyond this, walking the time index is cheaper. */
const TEXT_CANDIDATE_CAP = 2_000;


/**
 * The full columns of the rows `keys` selects (a subquery of at least seq and event_time, aliased `k`, in
 * page order): a step that looks through many rows carries only these two and fetches the rest by primary key
 * for the few it returns, instead of copying every column of every row it looks at.
 */
const withFullColumns = (sqlDb: Sql, keys: Expression<{ seq: string; event_time: Date }>) =>
  sqlDb
    .selectFrom(sql<{ seq: string; event_time: Date }>`${keys}`.as("k"))
    .innerJoin("activities as a", "a.seq", "k.seq")
    .select(selectRow)
    .orderBy("k.event_time", "desc")
    .orderBy("k.seq", "desc");

/**
 * The first `limit` matches among the newest TEXT_SCAN_ROWS rows of the other filters after the cursor, in one
 * index-ordered pass that stops at the `limit`th match. Where the window ends is a separate OFFSET probe, only
 * when needed: numbering the window's rows in this statement instead (row_number()) cost more than the probe.
 */
const findTextMatchesInWindow = async (filter: ActivityQueryFilter, cursor: TActivityCursor | null, limit: number, sqlDb: Sql): Promise<PageRow[]> => {
  const { text, ...others } = filter;
  const inner = buildActivityPageQuery(others, cursor, TEXT_SCAN_ROWS, { columns: (qb) => qb.select(["a.seq", "a.event_time", "a.search_text"]) }, sqlDb);
  const keys = sqlDb
    .selectFrom(inner.as("w"))
    .select(["w.seq", "w.event_time"])
    .where("w.search_text", "like", `%${escapeLike(text ?? "")}%`)
    .orderBy("w.event_time", "desc")
    .orderBy("w.seq", "desc")
    .limit(limit);
  return (await withFullColumns(sqlDb, keys).execute()) as PageRow[];
};

/**
 * The newest `limit` matches after the cursor through the trigram index, when the filter matches at most
 * TEXT_CANDIDATE_CAP rows there; null when it matches more. Plain index scans (in time order) are switched off
 * for this one statement: the planner estimates LIKE '%…%' badly and would otherwise walk the time index,
 * which for a word that is not there reads the whole log (0.8 s over 1M rows under load, bench:load). A larger
 * work_mem keeps the bitmap exact, so only matching rows are rechecked, not every row of a lossy page.
 * The candidates carry only their keys to the count and the sort; the returned few get their columns after.
 */
const findRareTextMatches = async (filter: ActivityQueryFilter, cursor: TActivityCursor, limit: number, sqlDb: Sql): Promise<PageRow[] | null> => {
  const rows = await sqlDb.transaction().execute(async (trx) => {
    // A fragment: planner settings for this transaction only (SET LOCAL has no builder form).
    await sql`SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '32MB'`.execute(trx);
    const candidates = buildActivityPageQuery(filter, cursor, TEXT_CANDIDATE_CAP + 1, { columns: (qb) => qb.select(["a.seq", "a.event_time"]), isUnordered: true }, trx);
    const keys = trx
      .selectFrom(candidates.as("c"))
      .select((eb) => ["c.seq", "c.event_time", eb.fn.countAll<string>().over().as("candidates")])
      .orderBy("c.event_time", "desc")
      .orderBy("c.seq", "desc")
      .limit(limit);
    return trx
      .selectFrom(keys.as("k"))
      .innerJoin("activities as a", "a.seq", "k.seq")
      .select(selectRow)
      .select("k.candidates")
      .orderBy("k.event_time", "desc")
      .orderBy("k.seq", "desc")
      .execute();
  });
  return Number(rows[0]?.candidates ?? 0) > TEXT_CANDIDATE_CAP ? null : (rows as PageRow[]);
};

const isAtOrAfter = (a: TActivityCursor, b: TActivityCursor) => (a.time === b.time ? BigInt(a.seq) >= BigInt(b.seq) : a.time > b.time);

/**
 * Filters the trigram step found common (more than TEXT_CANDIDATE_CAP matches past a boundary), with the oldest
 * such boundary. Asking the trigram index costs 40–70 ms for a common word (1M activities) against a few ms for
 * walking the time index, and rows past a newer boundary include the rows past an older one: the filter is
 * common past any boundary at or after the remembered one, and the step is skipped there. Only the cost depends
 * on this memo, never the rows. Deleting activities (retention, a removed connector) can make a word rare
 * again, and walking for a rare word is slow: hence the expiry.
 */
const commonTextFilters = new Map<string, { boundary: TActivityCursor; expiresAt: number }>();
const COMMON_TEXT_TTL_MS = 10 * 60_000;
const COMMON_TEXT_MAX = 1_000;

const isKnownCommon = (key: string, boundary: TActivityCursor): boolean => {
  const known = commonTextFilters.get(key);
  return !!known && known.expiresAt >= Date.now() && isAtOrAfter(boundary, known.boundary);
};

const rememberCommon = (key: string, boundary: TActivityCursor) => {
  if (isKnownCommon(key, boundary)) return;
  // Re-inserted at the end: when the memo is full, the entry stored longest ago goes.
  commonTextFilters.delete(key);
  if (commonTextFilters.size >= COMMON_TEXT_MAX) commonTextFilters.delete(commonTextFilters.keys().next().value ?? "");
  commonTextFilters.set(key, { boundary, expiresAt: Date.now() + COMMON_TEXT_TTL_MS });
};

/**
 * Free text: a common word matches thousands of rows, and the trigram index would return all of them to be
 * sorted; so first filter the newest TEXT_SCAN_ROWS rows of the other filters in index order (cheap, and
 * enough for common words). For the rest, a rare word (few trigram matches) is read through the trigram
 * index, and a word that is common only further back (seen so before, or the trigram index says so) by walking
 * the time index again.
 */
const findTextPage = async (filter: ActivityQueryFilter, cursor: TActivityCursor | null, limit: number, sqlDb: Sql): Promise<PageRow[]> => {
  const matches = await findTextMatchesInWindow(filter, cursor, limit, sqlDb);
  if (matches.length >= limit) return matches;
  const boundary = await findActivityBoundary(filter, cursor, TEXT_SCAN_ROWS, sqlDb);
  if (!boundary) return matches;
  const key = JSON.stringify(filter);
  if (!isKnownCommon(key, boundary)) {
    const rare = await findRareTextMatches(filter, boundary, limit - matches.length, sqlDb);
    if (rare) return [...matches, ...rare];
    rememberCommon(key, boundary);
  }
  return [...matches, ...(await buildActivityPageQuery(filter, boundary, limit - matches.length, {}, sqlDb).execute())];
};

/** Up to `limit` activities after the cursor, newest first. */
export const findActivityPage = async (filter: ActivityQueryFilter, cursor: TActivityCursor | null, limit: number, sqlDb: Sql = getSql()): Promise<ActivityRow[]> => {
  const hasSplit = (filter.actions?.length ?? 0) > 1 || (filter.actorIds?.length ?? 0) > 1;
  if (filter.text && !hasSplit) return toActivityRows(await findTextPage(filter, cursor, limit, sqlDb));
  return toActivityRows(await buildActivityPageQuery(filter, cursor, limit, {}, sqlDb).execute());
};

/** One activity with its raw event, or null. */
export const findActivityById = async (id: string, sqlDb: Sql = getSql()): Promise<(ActivityRow & { raw: unknown }) | null> => {
  const row = await sqlDb
    .selectFrom("activities as a")
    .select(selectRow)
    .select("a.raw")
    .where("a.seq", "=", sql<string>`${id}::bigint`)
    .$castTo<PageRow & { raw: unknown }>()
    .executeTakeFirst();
  return row ? { ...toActivityRows([row])[0]!, raw: row.raw } : null;
};

/** The account's activities in [from, to] of one connector, newest first (actor index). */
export const findActorActivitiesBetween = async (
  connectorId: string,
  actorId: string,
  from: Date,
  to: Date,
  limit: number,
  sqlDb: Sql = getSql(),
): Promise<ActivityRow[]> => {
  const rows = await sqlDb
    .selectFrom("activities as a")
    .select(selectRow)
    .where("a.actor_id", "=", actorId)
    .where("a.event_time", ">=", from)
    .where("a.event_time", "<=", to)
    .where("a.connector_id", "=", sql<string>`${connectorId}::uuid`)
    .orderBy("a.event_time", "desc")
    .orderBy("a.seq", "desc")
    .limit(limit)
    .$castTo<PageRow>()
    .execute();
  return toActivityRows(rows);
};
