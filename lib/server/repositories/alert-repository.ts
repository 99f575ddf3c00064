import { sql, type Expression, type ExpressionBuilder, type InferResult, type Nullable, type Selectable, type SqlBool } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import { AlertStatus, Severity, type DB } from "../../generated/kysely/types";
import { jsonRecordset } from "./json-recordset";
import { getSql, type Sql } from "../db";
import { groupAlertsInTransaction, lockIncidentAccounts } from "./incident-grouping-repository";
import { runNamed } from "./prepared-statement";

type TStatus = AlertStatus;
type TSeverity = Severity;

export type AlertFilters = Readonly<{
  statuses?: readonly TStatus[];
  severities?: readonly TSeverity[];
  policyKey?: string;
  user?: string;
  connectorId?: string;
  from?: Date;
  to?: Date;
  /** A portal user id, or null for unassigned alerts. */
  assigneeId?: string | null;
}>;

// The triage list and the alert page read alerts on every request: typed SQL on the pg pool, one statement for a
// page with its assignees, activity links and per-status counts, instead of three to four Prisma queries that
// each pay Prisma's per-query compilation and a round trip (bench:load, docs/benchmarks.md).

/** Activity seqs listed per alert at most (activityCount has the total). */
export const MAX_ACTIVITY_IDS = 1_000;

/** What the alert columns read: alert `a` (the table or a page of it) and its assignee `u` (LEFT JOIN users). */
export type TAlertScope = DB & { a: Selectable<DB["alerts"]>; u: Nullable<Selectable<DB["users"]>> };

/** An alert's columns, its assignee and its first MAX_ACTIVITY_IDS linked seqs (as text: bigint), for `.select(alertColumns)`. */
export const alertColumns = (eb: ExpressionBuilder<TAlertScope, "a" | "u">) =>
  [
    "a.id",
    "a.policy_key as policyKey",
    "a.policy_name as policyName",
    "a.severity",
    "a.status",
    "a.connector_id as connectorId",
    "a.user_account_id as userAccountId",
    "a.user_email as userEmail",
    "a.user_name as userName",
    "a.title",
    "a.explanation",
    "a.details",
    "a.activity_count as activityCount",
    "a.first_activity_at as firstActivityAt",
    "a.last_activity_at as lastActivityAt",
    "a.created_at as createdAt",
    "a.updated_at as updatedAt",
    eb
      .case()
      .when("u.id", "is", null)
      .then(null)
      .else(jsonBuildObject({ id: eb.ref("u.id").$notNull(), name: eb.ref("u.name").$notNull(), email: eb.ref("u.email").$notNull() }))
      .end()
      .as("assignee"),
    "a.classification",
    "a.resolution_reason as resolutionReason",
    "a.resolved_at as resolvedAt",
    eb
      .selectFrom("incidents as i")
      .select((i) => jsonBuildObject({ id: i.ref("i.id"), alertCount: i.ref("i.alert_count"), status: i.ref("i.status"), severity: i.ref("i.severity") }).as("incident"))
      .whereRef("i.id", "=", "a.incident_id")
      .as("incident"),
    // ARRAY(subquery): a constructor the builder does not have.
    sql<string[]>`ARRAY(${eb
      .selectFrom("alert_activities as l")
      .select((l) => l.cast<string>("l.activity_seq", "text").as("activity_seq"))
      .whereRef("l.alert_id", "=", "a.id")
      .orderBy("l.activity_seq")
      .limit(sql.lit(MAX_ACTIVITY_IDS))})`.as("seqs"),
  ] as const;

/** One alert by id with its assignee (the shape of every alert read). */
const alertByIdQuery = (db: Sql, id: string) =>
  db.selectFrom("alerts as a").leftJoin("users as u", "u.id", "a.assignee_id").select(alertColumns).where("a.id", "=", sql<string>`${id}::uuid`);

/** The row of `alertColumns`, as the driver returns it. */
export type TAlertSqlRow = InferResult<ReturnType<typeof alertByIdQuery>>[number];

export type AlertRow = Readonly<Omit<TAlertSqlRow, "seqs"> & { activitySeqs: bigint[] }>;

export const toAlertRow = ({ seqs, ...row }: TAlertSqlRow): AlertRow => ({ ...row, activitySeqs: seqs.map((s) => BigInt(s)) });

type TAlertsA = DB & { a: DB["alerts"] };
type TCondition = (eb: ExpressionBuilder<TAlertsA, "a">) => Expression<SqlBool>;

/** The filters' conditions on alerts `a`, each its own `.where` (ANDed; none: no WHERE). */
const conditionsOf = (f: AlertFilters): TCondition[] => {
  const { statuses, severities, policyKey, connectorId, user, from, to, assigneeId } = f;
  const conditions: TCondition[] = [];
  if (statuses?.length) conditions.push((eb) => eb("a.status", "=", sql<TStatus>`ANY(${[...statuses]}::"AlertStatus"[])`));
  if (severities?.length) conditions.push((eb) => eb("a.severity", "=", sql<TSeverity>`ANY(${[...severities]}::"Severity"[])`));
  if (policyKey) conditions.push((eb) => eb("a.policy_key", "=", policyKey));
  if (connectorId) conditions.push((eb) => eb("a.connector_id", "=", sql<string>`${connectorId}::uuid`));
  if (user) conditions.push((eb) => eb.or([eb("a.user_account_id", "=", user), eb(eb.fn("lower", ["a.user_email"]), "=", eb.fn("lower", [eb.val(user)]))]));
  if (from) conditions.push((eb) => eb("a.last_activity_at", ">=", from));
  if (to) conditions.push((eb) => eb("a.first_activity_at", "<", to));
  if (assigneeId === null) conditions.push((eb) => eb("a.assignee_id", "is", null));
  else if (assigneeId !== undefined) conditions.push((eb) => eb("a.assignee_id", "=", sql<string>`${assigneeId}::uuid`));
  return conditions;
};

export type AlertSort = "newest" | "oldest" | "severity" | "last_activity";

/** Where a page ends: the sort's key of the last row (created or last activity time, severity) and its id. */
export type AlertKeyset = Readonly<{ at: Date; severity?: TSeverity; id: string }>;

// The generated enum object lists the values as declared, which is also how Postgres orders them.
const SEVERITY_ORDER: readonly TSeverity[] = Object.values(Severity);

// Postgres orders enums as declared (low < medium < high).
const ORDER = {
  newest: [["a.created_at", "desc"], ["a.id", "desc"]],
  oldest: [["a.created_at", "asc"], ["a.id", "asc"]],
  severity: [["a.severity", "desc"], ["a.created_at", "desc"], ["a.id", "desc"]],
  last_activity: [["a.last_activity_at", "desc"], ["a.id", "desc"]],
} as const satisfies Record<AlertSort, readonly (readonly ["a.created_at" | "a.id" | "a.severity" | "a.last_activity_at", "asc" | "desc"])[]>;

/** Rows after the keyset in the sort's order. */
const afterKeyset =
  (sort: AlertSort, k: AlertKeyset): TCondition =>
  (eb) => {
    const id = sql<string>`${k.id}::uuid`;
    switch (sort) {
      case "oldest":
        return eb.or([eb("a.created_at", ">", k.at), eb.and([eb("a.created_at", "=", k.at), eb("a.id", ">", id)])]);
      case "last_activity":
        return eb.or([eb("a.last_activity_at", "<", k.at), eb.and([eb("a.last_activity_at", "=", k.at), eb("a.id", "<", id)])]);
      case "severity": {
        const severity = k.severity ?? "high";
        const lower = SEVERITY_ORDER.slice(0, SEVERITY_ORDER.indexOf(severity));
        const same = eb.and([
          eb("a.severity", "=", sql<TSeverity>`${severity}::"Severity"`),
          eb.or([eb("a.created_at", "<", k.at), eb.and([eb("a.created_at", "=", k.at), eb("a.id", "<", id)])]),
        ]);
        return lower.length ? eb.or([eb("a.severity", "=", sql<TSeverity>`ANY(${lower}::"Severity"[])`), same]) : same;
      }
      default:
        return eb.or([eb("a.created_at", "<", k.at), eb.and([eb("a.created_at", "=", k.at), eb("a.id", "<", id)])]);
    }
  };

const keysetOf = (sort: AlertSort, row: { id: string; createdAt: Date; lastActivityAt: Date; severity: TSeverity }): AlertKeyset =>
  sort === "last_activity" ? { at: row.lastActivityAt, id: row.id } : sort === "severity" ? { at: row.createdAt, severity: row.severity, id: row.id } : { at: row.createdAt, id: row.id };

const NO_COUNTS = Object.fromEntries(Object.values(AlertStatus).map((status) => [status, 0])) as Readonly<Record<TStatus, number>>;

/** The alerts' change counter (migration change_counters) as text, in a statement's own snapshot (the dashboard's statement). */
export const ALERTS_VERSION = `(SELECT version::text FROM change_counters WHERE name = 'alerts')`;

/**
 * One page in the given order (default newest first), keyset-paginated on the order's columns and id, and how
 * many alerts each status has under the filters (their status filter ignored): one statement, one round trip.
 * `countsVersion`: the alerts' version of counts the caller already holds for these filters; when it is still
 * the current one the counts are not computed again (`counts` null). `version` is the version the result
 * was read at.
 *
 * Unnamed, as before the builder: its text varies with the filters, sort and cursor (a name per variant would
 * prepare one statement per combination on every connection), and an unnamed statement is planned with its
 * parameter values.
 */
export const listAlerts = async (
  options: Readonly<{ filters: AlertFilters; sort?: AlertSort; after?: AlertKeyset; limit: number; countsVersion?: string | null }>,
  db: Sql = getSql(),
): Promise<{ rows: AlertRow[]; next: AlertKeyset | null; counts: Record<TStatus, number> | null; version: string | null }> => {
  const { filters, after, limit } = options;
  const sort = options.sort ?? "newest";
  const order = ORDER[sort];
  // The page first (LIMIT on alerts alone, so the sort's index is walked), then its assignees and links; the
  // counts row is there even when the page is empty (counts LEFT JOIN page ON true).
  const rows = await db
    .with("v", (qb) =>
      qb.selectNoFrom((eb) =>
        eb.selectFrom("change_counters").select((c) => c.cast<string>("version", "text").as("version")).where("name", "=", sql.lit("alerts")).as("version"),
      ),
    )
    .with("counts", (qb) =>
      qb.selectFrom("v").select((eb) => [
        "v.version",
        // The counts only when the caller's are outdated: a CASE runs its subquery only when that branch is taken.
        eb
          .case()
          .when("v.version", "=", sql<string>`${options.countsVersion ?? null}::text`)
          .then(null)
          .else(
            eb
              .selectFrom(
                eb
                  .selectFrom("alerts as a")
                  .select(["a.status", eb.fn.countAll<number>().as("n")])
                  .$call((q) => conditionsOf({ ...filters, statuses: undefined }).reduce((w, c) => w.where(c), q))
                  .groupBy("a.status")
                  .as("s"),
              )
              .select((s) => s.fn.coalesce(s.fn<Partial<Record<TStatus, number>>>("json_object_agg", ["s.status", "s.n"]), sql.lit("{}")).as("counts")),
          )
          .end()
          .as("counts"),
      ]),
    )
    .with("page", (qb) => {
      const conditions = [...conditionsOf(filters), ...(after ? [afterKeyset(sort, after)] : [])];
      const page = conditions.reduce((q, c) => q.where(c), qb.selectFrom("alerts as a").selectAll("a"));
      return qb
        .selectFrom(order.reduce((q, [column, direction]) => q.orderBy(column, direction), page).limit(limit + 1).as("a"))
        .leftJoin("users as u", "u.id", "a.assignee_id")
        .select((eb) => [
          ...alertColumns(eb),
          eb.fn
            .agg<string>("row_number")
            .over((ob) => order.reduce((o, [column, direction]) => o.orderBy(column, direction), ob))
            .as("ord"),
        ]);
    })
    .selectFrom("counts as c")
    .leftJoin("page as p", (join) => join.onTrue())
    .select(["c.version as alerts_version", "c.counts"])
    .selectAll("p")
    .orderBy("p.ord")
    .execute();
  // A row with an id is a page row (the LEFT JOIN types every page column nullable); without one, the counts alone.
  const found = rows.filter((r): r is (typeof rows)[number] & TAlertSqlRow => r.id !== null);
  const page = found.slice(0, limit).map(({ counts: _counts, ord: _ord, alerts_version: _version, ...row }) => toAlertRow(row));
  const last = page[page.length - 1];
  const counts = rows[0]?.counts;
  return {
    rows: page,
    next: found.length > limit && last ? keysetOf(sort, last) : null,
    counts: counts === null || counts === undefined ? null : { ...NO_COUNTS, ...counts },
    version: rows[0]?.alerts_version ?? null,
  };
};

export const findAlertById = async (id: string, db: Sql = getSql()): Promise<AlertRow | null> => {
  const rows = await runNamed(db, "alert-by-id", alertByIdQuery(db, id));
  return rows[0] ? toAlertRow(rows[0]) : null;
};

export type TAlertWrite = Readonly<{
  policyId: string | null;
  policyKey: string;
  policyName: string;
  severity: string;
  connectorId: string;
  user: { accountId: string | null; email: string | null; name: string | null };
  title: string;
  explanation: string;
  details: Readonly<Record<string, unknown>>;
  episodeKey: string;
  activitySeqs: readonly bigint[];
  firstActivityAt: Date;
  lastActivityAt: Date;
}>;

// One alert write as a recordset row (jsonRecordset).
const ALERT_INPUT_TYPES = {
  policy_id: "uuid",
  policy_key: "text",
  policy_name: "text",
  severity: '"Severity"',
  user_account_id: "text",
  user_email: "text",
  user_name: "text",
  title: "text",
  explanation: "text",
  details: "jsonb",
  episode_key: "text",
  first_at: "timestamptz",
  last_at: "timestamptz",
  seqs: "jsonb",
} as const;

/**
 * Upserts alerts by episode key inside the detection transaction (first/last widen, text follows the newest
 * evaluation), links their activities and writes a "created" history event for new ones, in one statement;
 * then groups them into incidents (issue 25) in the same transaction. Returns how many were new. Input episode
 * keys are unique (merged upstream).
 */
export const upsertAlertsInTransaction = async (connectorId: string, alerts: readonly TAlertWrite[], trx: Sql = getSql()): Promise<number> => {
  if (alerts.length === 0) return 0;
  // Before the upsert locks alert rows: incident triage takes these locks before its alerts' rows too.
  await lockIncidentAccounts(trx, alerts.flatMap((a) => (a.user.accountId ? [{ connectorId, accountId: a.user.accountId }] : [])));
  const input = jsonRecordset(
    "r",
    ALERT_INPUT_TYPES,
    alerts.map((a) => ({
      policy_id: a.policyId,
      policy_key: a.policyKey,
      policy_name: a.policyName,
      severity: a.severity,
      user_account_id: a.user.accountId,
      user_email: a.user.email,
      user_name: a.user.name,
      title: a.title,
      explanation: a.explanation,
      details: a.details,
      episode_key: a.episodeKey,
      first_at: a.firstActivityAt.toISOString(),
      last_at: a.lastActivityAt.toISOString(),
      seqs: a.activitySeqs.map((seq) => seq.toString()),
    })),
  );
  const now = sql<Date>`clock_timestamp()`;
  const rows = await trx
    .with("input", (qb) => qb.selectFrom(input).selectAll())
    .with("upserted", (qb) =>
      qb
        .insertInto("alerts")
        .columns(["id", "policy_id", "policy_key", "policy_name", "severity", "connector_id", "user_account_id", "user_email", "user_name", "title",
          "explanation", "details", "episode_key", "activity_count", "first_activity_at", "last_activity_at", "created_at", "updated_at"])
        .expression((eb) =>
          eb
            .selectFrom("input as i")
            .select([
              sql<string>`gen_random_uuid()`.as("id"), "i.policy_id", "i.policy_key", "i.policy_name", sql<Severity>`${sql.ref("i.severity")}`.as("severity"),
              sql<string>`${connectorId}::uuid`.as("connector_id"), "i.user_account_id", "i.user_email", "i.user_name", "i.title", "i.explanation",
              "i.details", "i.episode_key", sql<number>`0`.as("activity_count"), "i.first_at", "i.last_at", now.as("created_at"), now.as("updated_at"),
            ]),
        )
        .onConflict((oc) =>
          oc.column("episode_key").doUpdateSet((eb) => ({
            title: eb.ref("excluded.title"),
            explanation: eb.ref("excluded.explanation"),
            details: eb.ref("excluded.details"),
            severity: eb.ref("excluded.severity"),
            first_activity_at: eb.fn("least", ["alerts.first_activity_at", "excluded.first_activity_at"]),
            last_activity_at: eb.fn("greatest", ["alerts.last_activity_at", "excluded.last_activity_at"]),
            updated_at: now,
          })),
        )
        // xmax is 0 on a row this statement inserted (a system column: no builder for it).
        .returning(["id", "episode_key", sql<boolean>`(xmax = 0)`.as("created")]),
    )
    .with("created_events", (qb) =>
      qb
        .insertInto("alert_events")
        .columns(["alert_id", "at", "kind", "detail"])
        .expression((eb) =>
          eb
            .selectFrom("upserted as u")
            .innerJoin("input as i", "i.episode_key", "u.episode_key")
            .select((s) => [
              "u.id",
              now.as("at"),
              sql<string>`'created'`.as("kind"),
              s.fn("jsonb_build_object", [sql.lit("policyKey"), "i.policy_key", sql.lit("policyName"), "i.policy_name", sql.lit("severity"), "i.severity"]).as("detail"),
            ])
            .where("u.created", "=", true),
        ),
    )
    .with("linked", (qb) =>
      qb
        .insertInto("alert_activities")
        .columns(["alert_id", "activity_seq"])
        .expression((eb) =>
          eb
            .selectFrom("upserted as u")
            .innerJoin("input as i", "i.episode_key", "u.episode_key")
            // Each alert's seqs, a JSON array: a set-returning function (fragment).
            .innerJoinLateral(sql<{ seq: string }>`jsonb_array_elements_text(${sql.ref("i.seqs")})`.as<"s">(sql`s(seq)`), (join) => join.onTrue())
            .select(["u.id", sql<string>`${sql.ref("s.seq")}::bigint`.as("activity_seq")]),
        )
        .onConflict((oc) => oc.doNothing()),
    )
    .selectFrom("upserted")
    .select(["id", "created"])
    .execute();
  await trx
    .updateTable("alerts as a")
    .set((eb) => ({ activity_count: eb.selectFrom("alert_activities as l").select((c) => c.fn.countAll<number>().as("n")).whereRef("l.alert_id", "=", "a.id") }))
    .where("a.id", "=", sql<string>`ANY(${rows.map((r) => r.id)}::uuid[])`)
    .execute();
  await groupAlertsInTransaction(rows.map((r) => r.id), trx);
  return rows.filter((r) => r.created).length;
};

/** An Atlassian account's alerts, newest first (its user page). */
export const listUserAlerts = async (connectorId: string, accountId: string, limit = 100, db: Sql = getSql()) =>
  db
    .selectFrom("alerts")
    .select(["id", "title", "policy_name as policyName", "severity", "status", "created_at as createdAt", "last_activity_at as lastActivityAt"])
    .where("connector_id", "=", connectorId)
    .where("user_account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();

export type UserAlertRow = Awaited<ReturnType<typeof listUserAlerts>>[number];
