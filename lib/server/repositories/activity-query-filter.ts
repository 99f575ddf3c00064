import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { DB } from "../../generated/kysely/types";
import type { TActivityCursor, TActivitySource } from "../../shared/schemas/activities";
import type { TSessionOutcome } from "../../shared/schemas/session-policies";

// The activity log's filters as WHERE conditions over the activities row `a` (activity-query-repository.ts builds
// the pages, the detail and the export on them).

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
  /** Unindexed: a residual condition on whichever index serves the other filters (absent, no condition at all). */
  source?: TActivitySource;
  adminOnly?: boolean;
  impersonation?: boolean;
  /** Lower-case free text, matched as a substring of search_text (trigram index). */
  text?: string;
  /** Session proxy requests a session policy blocked or audited (partial index on session_outcome, event_time, seq). */
  outcome?: TSessionOutcome;
  /** Session proxy requests this session policy matched (partial GIN index on session_policy_ids). */
  policyId?: string;
}>;

/** The activities table under the alias every query here gives it. */
export type ActivityTables = DB & { a: DB["activities"] };
type ActivityEb = ExpressionBuilder<ActivityTables, "a">;

/** Rows after `after` (older, in the newest-first order) down to and including `through`; null is unbounded. */
export type ActivityRange = Readonly<{ after: TActivityCursor | null; through?: TActivityCursor | null }>;

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const ts = (eb: ActivityEb, value: Date | string) => eb.cast<Date>(eb.val(value), "timestamptz");
const keyset = (eb: ActivityEb, cursor: TActivityCursor) => eb.tuple(ts(eb, cursor.time), eb.cast<string>(eb.val(cursor.seq), "bigint"));
const anyOf = (eb: ActivityEb, values: readonly string[]) => eb.fn.any(sql<string[]>`${[...values]}::text[]`);

/** The WHERE conditions of every filter except the one split into UNION ALL branches. */
export const buildConditions = (filter: ActivityQueryFilter, range: ActivityRange, split: "action" | "actor" | null): Expression<SqlBool>[] => {
  const eb = expressionBuilder<ActivityTables, "a">();
  const conditions: Expression<SqlBool>[] = [];
  const where = (condition: Expression<SqlBool>) => conditions.push(condition);
  const { after, through } = range;
  if (filter.from) where(eb("a.event_time", ">=", ts(eb, filter.from)));
  if (filter.to) where(eb("a.event_time", "<", ts(eb, filter.to)));
  if (after) where(eb(eb.refTuple("a.event_time", "a.seq"), "<", keyset(eb, after)));
  if (through) {
    // The plain time bounds are implied, but without them the planner misjudges how many rows a bounded range
    // holds (row comparisons get a default selectivity) and sorts a scan of another index instead.
    where(eb(eb.refTuple("a.event_time", "a.seq"), ">=", keyset(eb, through)));
    where(eb("a.event_time", ">=", ts(eb, through.time)));
    if (after) where(eb("a.event_time", "<=", ts(eb, after.time)));
  }
  if (filter.actorIds && split !== "actor") {
    const [only] = filter.actorIds;
    where(filter.actorIds.length === 1 && only !== undefined ? eb("a.actor_id", "=", only) : eb("a.actor_id", "=", anyOf(eb, filter.actorIds)));
  }
  if (filter.actorEmail) where(eb("a.actor_email", "=", filter.actorEmail));
  if (filter.actions && split !== "action") {
    const [only] = filter.actions;
    where(filter.actions.length === 1 && only !== undefined ? eb("a.action", "=", only) : eb("a.action", "=", anyOf(eb, filter.actions)));
  }
  if (filter.product) where(eb("a.product", "=", filter.product));
  if (filter.ip) {
    const ip = sql<string>`${filter.ip.text}::inet`;
    // A fragment for <<= (contained within or equals), an operator the builder does not know.
    where(filter.ip.kind === "address" ? eb("a.ip", "=", ip) : sql<boolean>`${eb.ref("a.ip")} <<= ${ip}`);
  }
  if (filter.countryCode) where(eb("a.country_code", "=", filter.countryCode));
  if (filter.ipCategory) where(eb("a.ip_category", "=", filter.ipCategory));
  if (filter.connectorId) where(eb("a.connector_id", "=", eb.cast<string>(eb.val(filter.connectorId), "uuid")));
  if (filter.source) where(eb("a.source", "=", filter.source));
  if (filter.adminOnly) where(eb.ref("a.is_admin_action"));
  if (filter.impersonation) where(eb.ref("a.is_impersonation"));
  if (filter.text) where(eb("a.search_text", "like", `%${escapeLike(filter.text)}%`));
  if (filter.outcome) where(eb("a.session_outcome", "=", filter.outcome));
  if (filter.policyId) {
    // Both partial indexes hold only rows with an outcome: the condition lets the planner use the GIN one.
    where(eb("a.session_outcome", "is not", null));
    where(eb("a.session_policy_ids", "@>", sql<string[]>`ARRAY[${filter.policyId}]::uuid[]`));
  }
  return conditions;
};
