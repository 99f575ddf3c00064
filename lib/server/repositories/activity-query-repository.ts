import type { TActivityCursor, TActivityDto } from "../../shared/schemas/activities";
import { getPgPool, inPgTransaction } from "../db";

/**
 * Read side of the activity log. Every query is keyset-ordered on (event_time DESC, seq DESC), never OFFSET,
 * and written so that one of the activities indexes (prisma/schema.prisma, model Activity) serves both the
 * filter and the order: the planner stops after `limit` rows instead of sorting the matches.
 */
export type ActivityQueryFilter = Readonly<{
  from?: Date;
  to?: Date;
  /** Any of these account ids. */
  actorIds?: readonly string[];
  /** Lower-case email, when no directory account matched (unindexed: narrow by time too). */
  actorEmail?: string;
  actions?: readonly string[];
  product?: string;
  /** A single address (equality) or a CIDR block (`<<=`, a btree range on the ip index). */
  ip?: Readonly<{ kind: "address" | "cidr"; text: string }>;
  countryCode?: string;
  ipCategory?: string;
  connectorId?: string;
  adminOnly?: boolean;
  impersonation?: boolean;
  /** Lower-case free text, matched as a substring of search_text (trigram index). */
  text?: string;
}>;

export type ActivityRow = Omit<TActivityDto, "connectorName">;

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** SQL of each DTO field over the activities row `a`: one source for pages, detail and export. */
export const FIELD_SQL: Readonly<Record<keyof ActivityRow, string>> = {
  id: "a.seq::text",
  eventId: "a.event_id",
  connectorId: "a.connector_id::text",
  time: ISO("a.event_time"),
  processedAt: ISO("a.processed_at"),
  action: "a.action",
  actionName: "a.action_name",
  actionGroup: "a.action_group",
  product: "a.product",
  siteId: "a.site_id",
  siteName: "a.site_name",
  actorId: "a.actor_id",
  actorName: "a.actor_name",
  actorEmail: "a.actor_email",
  onBehalfOfId: "a.on_behalf_of_id",
  authType: "a.auth_type",
  isSystem: "a.is_system",
  isAdminAction: "a.is_admin_action",
  isImpersonation: "a.is_impersonation",
  targetName: "a.target_name",
  targets: "coalesce(a.targets, '[]'::jsonb)",
  ip: "host(a.ip)",
  country: "a.country",
  countryCode: "a.country_code",
  region: "a.region",
  city: "a.city",
  lat: "a.lat",
  lon: "a.lon",
  locationSource: "a.location_source",
  ipCategory: "a.ip_category",
  ipTags: "a.ip_tags",
  message: "a.message",
};

/** The stored columns FIELD_SQL reads (for subqueries aliased `a`), without raw. */
export const ROW_COLUMNS = `a.seq, a.event_time, a.event_id, a.connector_id, a.processed_at, a.action, a.action_name, a.action_group, a.product,
  a.site_id, a.site_name, a.actor_id, a.actor_name, a.actor_email, a.on_behalf_of_id, a.auth_type, a.is_system, a.is_admin_action,
  a.is_impersonation, a.target_name, a.targets, a.ip, a.country, a.country_code, a.region, a.city, a.lat, a.lon, a.location_source,
  a.ip_category, a.ip_tags, a.message, a.search_text`;

const COLUMNS = `a.seq AS "seq", ${Object.entries(FIELD_SQL)
  .map(([field, sql]) => `${sql} AS "${field}"`)
  .join(", ")}`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

type Sql = { conditions: string[]; params: unknown[] };

/** Rows after `after` (older, in the newest-first order) down to and including `through`; null is unbounded. */
export type ActivityRange = Readonly<{ after: TActivityCursor | null; through?: TActivityCursor | null }>;

const add = (sql: Sql, value: unknown): string => {
  sql.params.push(value);
  return `$${sql.params.length}`;
};

/** The WHERE conditions of every filter except the one split into UNION ALL branches. */
const buildConditions = (filter: ActivityQueryFilter, range: ActivityRange, split: "action" | "actor" | null): Sql => {
  const sql: Sql = { conditions: [], params: [] };
  const where = (condition: string) => sql.conditions.push(condition);
  const { after, through } = range;
  if (filter.from) where(`a.event_time >= ${add(sql, filter.from)}::timestamptz`);
  if (filter.to) where(`a.event_time < ${add(sql, filter.to)}::timestamptz`);
  if (after) where(`(a.event_time, a.seq) < (${add(sql, after.time)}::timestamptz, ${add(sql, after.seq)}::bigint)`);
  if (through) {
    // The plain time bounds are implied, but without them the planner misjudges how many rows a bounded range
    // holds (row comparisons get a default selectivity) and sorts a scan of another index instead.
    where(`(a.event_time, a.seq) >= (${add(sql, through.time)}::timestamptz, ${add(sql, through.seq)}::bigint)`);
    where(`a.event_time >= ${add(sql, through.time)}::timestamptz`);
    if (after) where(`a.event_time <= ${add(sql, after.time)}::timestamptz`);
  }
  if (filter.actorIds && split !== "actor") {
    where(filter.actorIds.length === 1 ? `a.actor_id = ${add(sql, filter.actorIds[0])}` : `a.actor_id = ANY(${add(sql, filter.actorIds)}::text[])`);
  }
  if (filter.actorEmail) where(`a.actor_email = ${add(sql, filter.actorEmail)}`);
  if (filter.actions && split !== "action") {
    where(filter.actions.length === 1 ? `a.action = ${add(sql, filter.actions[0])}` : `a.action = ANY(${add(sql, filter.actions)}::text[])`);
  }
  if (filter.product) where(`a.product = ${add(sql, filter.product)}`);
  if (filter.ip) where(filter.ip.kind === "address" ? `a.ip = ${add(sql, filter.ip.text)}::inet` : `a.ip <<= ${add(sql, filter.ip.text)}::inet`);
  if (filter.countryCode) where(`a.country_code = ${add(sql, filter.countryCode)}`);
  if (filter.ipCategory) where(`a.ip_category = ${add(sql, filter.ipCategory)}`);
  if (filter.connectorId) where(`a.connector_id = ${add(sql, filter.connectorId)}::uuid`);
  if (filter.adminOnly) where("a.is_admin_action");
  if (filter.impersonation) where("a.is_impersonation");
  if (filter.text) where(`a.search_text LIKE ${add(sql, `%${escapeLike(filter.text)}%`)}`);
  return sql;
};

/**
 * One page of activities, newest first. Several actions (or accounts) become one index-ordered branch each,
 * merged by UNION ALL: `action = ANY(...)` would have to sort every match.
 */
export const buildActivityPageQuery = (
  filter: ActivityQueryFilter,
  cursor: TActivityCursor | ActivityRange | null,
  /** null: the whole range (only with a `through` bound). */
  limit: number | null,
  /** isUnordered: any matching rows (no ORDER BY), e.g. candidates of a bitmap scan; not with several actions or accounts. */
  options: Readonly<{ columns?: string; offset?: number; isUnordered?: boolean }> = {},
): { text: string; values: unknown[] } => {
  const columns = options.columns ?? COLUMNS;
  const split = (filter.actions?.length ?? 0) > 1 ? "action" : (filter.actorIds?.length ?? 0) > 1 ? "actor" : null;
  const range: ActivityRange = cursor && "after" in cursor ? cursor : { after: cursor };
  const sql = buildConditions(filter, range, split);
  const order = options.isUnordered ? "" : "ORDER BY a.event_time DESC, a.seq DESC";
  const whereOf = (extra: string[]) => {
    const all = [...sql.conditions, ...extra];
    return all.length ? `WHERE ${all.join(" AND ")}` : "";
  };
  const limitClause = limit === null ? "" : ` LIMIT ${add(sql, limit)}`;
  const offset = options.offset ? ` OFFSET ${add(sql, options.offset)}` : "";
  if (!split) return { text: `SELECT ${columns} FROM activities a ${whereOf([])} ${order}${limitClause}${offset}`, values: sql.params };
  const [column, values] = split === "action" ? ["a.action", filter.actions ?? []] : ["a.actor_id", filter.actorIds ?? []];
  // Each branch must hold the rows the outer OFFSET skips as well.
  const branchLimit = limit === null ? "" : ` LIMIT ${add(sql, limit + (options.offset ?? 0))}`;
  const branches = values.map((v) => `(SELECT ${columns}, a.event_time AS sort_time FROM activities a ${whereOf([`${column} = ${add(sql, v)}`])} ${order}${branchLimit})`);
  const text = `SELECT * FROM (${branches.join(" UNION ALL ")}) u ORDER BY u.sort_time DESC, u.seq DESC${limitClause}${offset}`;
  return { text, values: sql.params };
};

/** A page row with the helper columns of the query that read it (left out by toActivityRows). */
type PageRow = ActivityRow & { seq: string; sort_time?: Date; candidates?: string };

const ROW_FIELDS = Object.keys(FIELD_SQL) as readonly (keyof ActivityRow)[];

/**
 * The DTO fields of each row, as new objects of one shape. Deleting the helper columns from the driver's rows
 * instead made every row a slow dictionary-mode object, which then cost more to copy and serialize than
 * reading the page did (bench:load CPU profile of the web process).
 */
const toActivityRows = (rows: readonly PageRow[]): ActivityRow[] =>
  rows.map((row) => {
    const out: Partial<Record<keyof ActivityRow, unknown>> = {};
    for (const field of ROW_FIELDS) out[field] = row[field];
    return out as ActivityRow;
  });

/**
 * The `size`th row after `after` under the filters other than free text (an index-ordered OFFSET over the
 * filter's index), or null when fewer rows are left: where the free-text page's first step ends, and where an
 * export range ends.
 */
export const findActivityBoundary = async (filter: ActivityQueryFilter, after: TActivityCursor | null, size: number): Promise<TActivityCursor | null> => {
  const { text: _text, ...others } = filter;
  // Formatted outside: the select list is computed for every row the OFFSET skips, and to_char() over 20,000
  // rows cost 25 ms, five times the probe itself (1M activities).
  const probe = buildActivityPageQuery(others, after, 1, { columns: "a.event_time, a.seq", offset: size - 1 });
  const text = `SELECT ${ISO("b.event_time")} AS time, b.seq::text AS seq FROM (${probe.text}) b`;
  return (await getPgPool().query<{ time: string; seq: string }>(text, probe.values)).rows[0] ?? null;
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
const withFullColumns = (keys: string, extra = "") =>
  `SELECT ${COLUMNS}${extra} FROM (${keys}) k JOIN activities a ON a.seq = k.seq ORDER BY k.event_time DESC, k.seq DESC`;

/**
 * The first `limit` matches among the newest TEXT_SCAN_ROWS rows of the other filters after the cursor, in one
 * index-ordered pass that stops at the `limit`th match. Where the window ends is a separate OFFSET probe, only
 * when needed: numbering the window's rows in this statement instead (row_number()) cost more than the probe.
 */
const findTextMatchesInWindow = async (filter: ActivityQueryFilter, cursor: TActivityCursor | null, limit: number): Promise<PageRow[]> => {
  const { text, ...others } = filter;
  const inner = buildActivityPageQuery(others, cursor, TEXT_SCAN_ROWS, { columns: "a.seq, a.event_time, a.search_text" });
  const keys = `SELECT w.seq, w.event_time FROM (${inner.text}) w WHERE w.search_text LIKE $${inner.values.length + 1}
    ORDER BY w.event_time DESC, w.seq DESC LIMIT $${inner.values.length + 2}`;
  return (await getPgPool().query<PageRow>(withFullColumns(keys), [...inner.values, `%${escapeLike(text ?? "")}%`, limit])).rows;
};

/**
 * The newest `limit` matches after the cursor through the trigram index, when the filter matches at most
 * TEXT_CANDIDATE_CAP rows there; null when it matches more. Plain index scans (in time order) are switched off
 * for this one statement: the planner estimates LIKE '%…%' badly and would otherwise walk the time index,
 * which for a word that is not there reads the whole log (0.8 s over 1M rows under load, bench:load). A larger
 * work_mem keeps the bitmap exact, so only matching rows are rechecked, not every row of a lossy page.
 * The candidates carry only their keys to the count and the sort; the returned few get their columns after.
 */
const findRareTextMatches = async (filter: ActivityQueryFilter, cursor: TActivityCursor, limit: number): Promise<PageRow[] | null> => {
  const candidates = buildActivityPageQuery(filter, cursor, TEXT_CANDIDATE_CAP + 1, { columns: "a.seq, a.event_time", isUnordered: true });
  const keys = `SELECT c.seq, c.event_time, count(*) OVER () AS candidates FROM (${candidates.text}) c
    ORDER BY c.event_time DESC, c.seq DESC LIMIT $${candidates.values.length + 1}`;
  const { rows } = await inPgTransaction(async (client) => {
    await client.query("SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '32MB'");
    return client.query<PageRow>(withFullColumns(keys, ", k.candidates"), [...candidates.values, limit]);
  });
  return Number(rows[0]?.candidates ?? 0) > TEXT_CANDIDATE_CAP ? null : rows;
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
const findTextPage = async (filter: ActivityQueryFilter, cursor: TActivityCursor | null, limit: number): Promise<PageRow[]> => {
  const matches = await findTextMatchesInWindow(filter, cursor, limit);
  if (matches.length >= limit) return matches;
  const boundary = await findActivityBoundary(filter, cursor, TEXT_SCAN_ROWS);
  if (!boundary) return matches;
  const key = JSON.stringify(filter);
  if (!isKnownCommon(key, boundary)) {
    const rare = await findRareTextMatches(filter, boundary, limit - matches.length);
    if (rare) return [...matches, ...rare];
    rememberCommon(key, boundary);
  }
  return [...matches, ...(await getPgPool().query<PageRow>(buildActivityPageQuery(filter, boundary, limit - matches.length))).rows];
};

/** Up to `limit` activities after the cursor, newest first. */
export const findActivityPage = async (filter: ActivityQueryFilter, cursor: TActivityCursor | null, limit: number): Promise<ActivityRow[]> => {
  const hasSplit = (filter.actions?.length ?? 0) > 1 || (filter.actorIds?.length ?? 0) > 1;
  if (filter.text && !hasSplit) return toActivityRows(await findTextPage(filter, cursor, limit));
  return toActivityRows((await getPgPool().query<PageRow>(buildActivityPageQuery(filter, cursor, limit))).rows);
};

/** One activity with its raw event, or null. */
export const findActivityById = async (id: string): Promise<(ActivityRow & { raw: unknown }) | null> => {
  const { rows } = await getPgPool().query<PageRow & { raw: unknown }>(`SELECT ${COLUMNS}, a.raw FROM activities a WHERE a.seq = $1::bigint`, [id]);
  const [row] = rows;
  return row ? { ...toActivityRows([row])[0]!, raw: row.raw } : null;
};

/** The account's activities in [from, to] of one connector, newest first (actor index). */
export const findActorActivitiesBetween = async (connectorId: string, actorId: string, from: Date, to: Date, limit: number): Promise<ActivityRow[]> => {
  const { rows } = await getPgPool().query<PageRow>(
    `SELECT ${COLUMNS} FROM activities a WHERE a.actor_id = $1 AND a.event_time >= $2 AND a.event_time <= $3 AND a.connector_id = $4::uuid
     ORDER BY a.event_time DESC, a.seq DESC LIMIT $5`,
    [actorId, from, to, connectorId, limit],
  );
  return toActivityRows(rows);
};

export type ActivityAlertRow = Readonly<{ id: string; title: string; policyName: string; severity: string; status: string; createdAt: string }>;

/** Alerts that include the activity (alert_activities ⨝ alerts), newest first. */
export const findAlertsOfActivity = async (seq: string): Promise<ActivityAlertRow[]> =>
  (
    await getPgPool().query<ActivityAlertRow>(
      `SELECT al.id::text AS id, al.title, al.policy_name AS "policyName", al.severity::text AS severity, al.status::text AS status,
         ${ISO("al.created_at")} AS "createdAt"
       FROM alert_activities aa JOIN alerts al ON al.id = aa.alert_id WHERE aa.activity_seq = $1::bigint ORDER BY al.created_at DESC LIMIT 100`,
      [seq],
    )
  ).rows;

/** Account ids of directory users with this email (email index), or this account id or exact name (any case). */
export const findActorIdsMatching = async (user: string): Promise<string[]> => {
  const sql = user.includes("@")
    ? "SELECT DISTINCT account_id FROM atlassian_users WHERE email = $1 OR email = lower($1) LIMIT 50"
    : "SELECT DISTINCT account_id FROM atlassian_users WHERE account_id = $1 OR lower(name) = lower($1) LIMIT 50";
  return (await getPgPool().query<{ account_id: string }>(sql, [user])).rows.map((r) => r.account_id);
};
