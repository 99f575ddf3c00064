import { sql, type ExpressionBuilder, type Expression, type SqlBool } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import type { AlertStatus, DB, Severity } from "../../generated/kysely/types";
import { getSql, type Sql } from "../db";

// The incident list and page (issue 25): typed SQL on the pg pool, as the alert list.

export type IncidentFilters = Readonly<{
  statuses?: readonly AlertStatus[];
  severities?: readonly Severity[];
  policyKey?: string;
  user?: string;
  connectorId?: string;
  from?: Date;
  to?: Date;
  /** A portal user id, or null for unassigned incidents. */
  assigneeId?: string | null;
}>;

export type IncidentSort = "priority" | "newest" | "oldest" | "last_activity";

/** Where a page ends: the sort's columns of its last row. */
export type IncidentKeyset = Readonly<{ id: string; at: Date; severity?: Severity; policyCount?: number }>;

type TScope = DB & { i: DB["incidents"] };
type TCondition = (eb: ExpressionBuilder<TScope, "i">) => Expression<SqlBool>;

const conditionsOf = (f: IncidentFilters): TCondition[] => {
  const c: TCondition[] = [];
  if (f.statuses?.length) c.push((eb) => eb("i.status", "=", sql<AlertStatus>`ANY(${[...f.statuses ?? []]}::"AlertStatus"[])`));
  if (f.severities?.length) c.push((eb) => eb("i.severity", "=", sql<Severity>`ANY(${[...f.severities ?? []]}::"Severity"[])`));
  if (f.connectorId) c.push((eb) => eb("i.connector_id", "=", sql<string>`${f.connectorId}::uuid`));
  const user = f.user;
  if (user) c.push((eb) => eb.or([eb("i.user_account_id", "=", user), eb(eb.fn("lower", ["i.user_email"]), "=", eb.fn("lower", [eb.val(user)]))]));
  if (f.from) c.push((eb) => eb("i.last_activity_at", ">=", f.from ?? new Date(0)));
  if (f.to) c.push((eb) => eb("i.first_activity_at", "<", f.to ?? new Date(0)));
  if (f.assigneeId === null) c.push((eb) => eb("i.assignee_id", "is", null));
  else if (f.assigneeId !== undefined) c.push((eb) => eb("i.assignee_id", "=", sql<string>`${f.assigneeId}::uuid`));
  const policyKey = f.policyKey;
  if (policyKey) {
    c.push((eb) => eb.exists(eb.selectFrom("alerts as a").select(sql.lit(1).as("one")).whereRef("a.incident_id", "=", "i.id").where("a.policy_key", "=", policyKey)));
  }
  return c;
};

// Every sort is descending or ascending on all its columns, so a row comparison is its keyset condition.
const ORDER = {
  priority: { columns: ["i.severity", "i.policy_count", "i.last_activity_at", "i.id"], direction: "desc" },
  newest: { columns: ["i.created_at", "i.id"], direction: "desc" },
  oldest: { columns: ["i.created_at", "i.id"], direction: "asc" },
  last_activity: { columns: ["i.last_activity_at", "i.id"], direction: "desc" },
} as const;

const afterKeyset =
  (sort: IncidentSort, k: IncidentKeyset): TCondition =>
  () => {
    const id = sql`${k.id}::uuid`;
    const at = sql`${k.at.toISOString()}::timestamptz`;
    switch (sort) {
      case "priority":
        return sql<SqlBool>`(i.severity, i.policy_count, i.last_activity_at, i.id) < (${k.severity ?? "high"}::"Severity", ${k.policyCount ?? 0}::int, ${at}, ${id})`;
      case "oldest":
        return sql<SqlBool>`(i.created_at, i.id) > (${at}, ${id})`;
      case "last_activity":
        return sql<SqlBool>`(i.last_activity_at, i.id) < (${at}, ${id})`;
      default:
        return sql<SqlBool>`(i.created_at, i.id) < (${at}, ${id})`;
    }
  };

const pageColumns = (eb: ExpressionBuilder<DB & { i: DB["incidents"]; u: DB["users"] }, "i" | "u">) =>
  [
    "i.id",
    "i.connector_id as connectorId",
    "i.user_account_id as userAccountId",
    "i.user_email as userEmail",
    "i.user_name as userName",
    "i.severity",
    "i.status",
    "i.alert_count as alertCount",
    "i.policy_count as policyCount",
    "i.first_activity_at as firstActivityAt",
    "i.last_activity_at as lastActivityAt",
    "i.classification",
    "i.resolution_reason as resolutionReason",
    "i.resolved_at as resolvedAt",
    "i.created_at as createdAt",
    "i.updated_at as updatedAt",
    eb
      .case()
      .when("u.id", "is", null)
      .then(null)
      .else(jsonBuildObject({ id: eb.ref("u.id"), name: eb.ref("u.name"), email: eb.ref("u.email") }))
      .end()
      .as("assignee"),
    eb
      .selectFrom("alerts as a")
      .select((a) => a.fn.countAll<number>().as("n"))
      .whereRef("a.incident_id", "=", "i.id")
      .where("a.status", "in", ["open", "in_progress"])
      .as("openAlertCount"),
    eb
      .selectFrom(
        eb
          .selectFrom("alerts as a")
          .select(["a.policy_key", (a) => a.fn.max("a.policy_name").as("policy_name")])
          .whereRef("a.incident_id", "=", "i.id")
          .groupBy("a.policy_key")
          .as("p"),
      )
      .select((p) => p.fn.coalesce(p.fn.jsonAgg(jsonBuildObject({ key: p.ref("p.policy_key"), name: p.ref("p.policy_name") })).orderBy("p.policy_key"), sql.lit("[]")).as("policies"))
      .as("policies"),
  ] as const;

const incidentQuery = (db: Sql) =>
  db.selectFrom("incidents as i").leftJoin("users as u", "u.id", "i.assignee_id").select(pageColumns);

type TRawRow = Awaited<ReturnType<ReturnType<typeof incidentQuery>["execute"]>>[number];

export type IncidentRow = Readonly<
  Omit<TRawRow, "openAlertCount" | "policies" | "assignee"> & {
    openAlertCount: number;
    policies: { key: string; name: string }[];
    assignee: { id: string; name: string; email: string } | null;
  }
>;

const toRow = (r: TRawRow): IncidentRow => ({
  ...r,
  openAlertCount: Number(r.openAlertCount ?? 0),
  policies: (r.policies ?? []) as { key: string; name: string }[],
  assignee: (r.assignee as { id: string; name: string; email: string } | null) ?? null,
});

const keysetOf = (sort: IncidentSort, r: IncidentRow): IncidentKeyset =>
  sort === "priority"
    ? { id: r.id, at: r.lastActivityAt, severity: r.severity, policyCount: r.policyCount }
    : { id: r.id, at: sort === "last_activity" ? r.lastActivityAt : r.createdAt };

/** One page in the sort's order, keyset-paginated, and the incidents per status under the other filters. */
export const listIncidents = async (
  options: Readonly<{ filters: IncidentFilters; sort: IncidentSort; after?: IncidentKeyset; limit: number }>,
  db: Sql = getSql(),
): Promise<{ rows: IncidentRow[]; next: IncidentKeyset | null; counts: Partial<Record<AlertStatus, number>> }> => {
  const { filters, sort, after, limit } = options;
  const order = ORDER[sort];
  const conditions = [...conditionsOf(filters), ...(after ? [afterKeyset(sort, after)] : [])];
  const inner = order.columns
    .reduce((q, column) => q.orderBy(column, order.direction), conditions.reduce((q, c) => q.where(c), db.selectFrom("incidents as i").selectAll("i")))
    .limit(limit + 1);
  const pageQuery = db
    .selectFrom(inner.as("i"))
    .leftJoin("users as u", "u.id", "i.assignee_id")
    .select(pageColumns)
    .$call((q) => order.columns.reduce((o, column) => o.orderBy(column, order.direction), q));
  const countsQuery = conditionsOf({ ...filters, statuses: undefined })
    .reduce((q, c) => q.where(c), db.selectFrom("incidents as i"))
    .select(["i.status", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("i.status");
  const [found, counted] = await Promise.all([pageQuery.execute(), countsQuery.execute()]);
  const rows = found.map(toRow);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    next: rows.length > limit && last ? keysetOf(sort, last) : null,
    counts: Object.fromEntries(counted.map((c) => [c.status, Number(c.n)])),
  };
};

export const findIncidentById = async (id: string, db: Sql = getSql()): Promise<IncidentRow | null> => {
  const row = await incidentQuery(db).where("i.id", "=", sql<string>`${id}::uuid`).executeTakeFirst();
  return row ? toRow(row) : null;
};
