import { sql } from "kysely";
import { AlertStatus, Severity, type AlertClassification } from "../../generated/kysely/types";
import { getPgPool, getSql, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";
import type { Prisma } from "../../generated/prisma/client";
import { getDb, type Db } from "../db";
import { isoText } from "./activity-query-repository";

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

// The triage list and the alert page read alerts on every request: plain SQL on the pg pool, one statement for a
// page with its assignees, activity links and per-status counts, instead of three to four Prisma queries that
// each pay Prisma's per-query compilation and a round trip (bench:load, docs/benchmarks.md).
export const ALERT_COLUMNS = `a.id::text AS id, a.policy_key AS "policyKey", a.policy_name AS "policyName", a.severity::text AS severity,
  a.status::text AS status, a.connector_id::text AS "connectorId", a.user_account_id AS "userAccountId", a.user_email AS "userEmail",
  a.user_name AS "userName", a.title, a.explanation, a.details, a.activity_count AS "activityCount", a.first_activity_at AS "firstActivityAt",
  a.last_activity_at AS "lastActivityAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt",
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name, 'email', u.email) END AS assignee,
  a.classification::text AS classification, a.resolution_reason AS "resolutionReason", a.resolved_at AS "resolvedAt"`;

/** Activity seqs listed per alert at most (activityCount has the total). */
export const MAX_ACTIVITY_IDS = 1_000;

// The first MAX_ACTIVITY_IDS linked seqs of alert `a`, as text (bigint). ALERT_COLUMNS needs `alerts a LEFT JOIN users u`.
export const ALERT_SEQS = `ARRAY(SELECT l.activity_seq::text FROM alert_activities l WHERE l.alert_id = a.id ORDER BY l.activity_seq LIMIT ${MAX_ACTIVITY_IDS}) AS seqs`;

export type TAlertSqlRow = Omit<AlertRow, "activitySeqs"> & { seqs: string[] };

export type AlertRow = Readonly<{
  id: string;
  policyKey: string;
  policyName: string;
  severity: TSeverity;
  status: TStatus;
  connectorId: string;
  userAccountId: string | null;
  userEmail: string | null;
  userName: string | null;
  title: string;
  explanation: string;
  details: unknown;
  activityCount: number;
  firstActivityAt: Date;
  lastActivityAt: Date;
  createdAt: Date;
  updatedAt: Date;
  assignee: { id: string; name: string; email: string } | null;
  classification: AlertClassification | null;
  resolutionReason: string | null;
  resolvedAt: Date | null;
  activitySeqs: bigint[];
}>;

export const toAlertRow = ({ seqs, ...row }: TAlertSqlRow): AlertRow => ({ ...row, activitySeqs: seqs.map((s) => BigInt(s)) });

/** SQL conditions (joined with AND) and their parameters, numbered from `params.length + 1`. */
const whereOf = (f: AlertFilters, params: unknown[]): string[] => {
  const add = (value: unknown) => `$${params.push(value)}`;
  const conditions: string[] = [];
  if (f.statuses?.length) conditions.push(`a.status = ANY(${add([...f.statuses])}::"AlertStatus"[])`);
  if (f.severities?.length) conditions.push(`a.severity = ANY(${add([...f.severities])}::"Severity"[])`);
  if (f.policyKey) conditions.push(`a.policy_key = ${add(f.policyKey)}`);
  if (f.connectorId) conditions.push(`a.connector_id = ${add(f.connectorId)}::uuid`);
  if (f.user) {
    const user = add(f.user);
    conditions.push(`(a.user_account_id = ${user} OR lower(a.user_email) = lower(${user}))`);
  }
  if (f.from) conditions.push(`a.last_activity_at >= ${add(f.from)}`);
  if (f.to) conditions.push(`a.first_activity_at < ${add(f.to)}`);
  if (f.assigneeId === null) conditions.push("a.assignee_id IS NULL");
  else if (f.assigneeId !== undefined) conditions.push(`a.assignee_id = ${add(f.assigneeId)}::uuid`);
  return conditions;
};

const sqlWhere = (conditions: readonly string[]) => (conditions.length ? `WHERE ${conditions.join(" AND ")}` : "");

export type AlertSort = "newest" | "oldest" | "severity" | "last_activity";

/** Where a page ends: the sort's key of the last row (created or last activity time, severity) and its id. */
export type AlertKeyset = Readonly<{ at: Date; severity?: TSeverity; id: string }>;

// The generated enum object lists the values as declared, which is also how Postgres orders them.
const SEVERITY_ORDER: readonly TSeverity[] = Object.values(Severity);

// Postgres orders enums as declared (low < medium < high).
const ORDER: Record<AlertSort, string> = {
  newest: "a.created_at DESC, a.id DESC",
  oldest: "a.created_at ASC, a.id ASC",
  severity: "a.severity DESC, a.created_at DESC, a.id DESC",
  last_activity: "a.last_activity_at DESC, a.id DESC",
};

const afterKeyset = (sort: AlertSort, k: AlertKeyset, params: unknown[]): string => {
  const add = (value: unknown) => `$${params.push(value)}`;
  switch (sort) {
    case "oldest": {
      const [at, id] = [add(k.at), add(k.id)];
      return `(a.created_at > ${at} OR (a.created_at = ${at} AND a.id > ${id}::uuid))`;
    }
    case "last_activity": {
      const [at, id] = [add(k.at), add(k.id)];
      return `(a.last_activity_at < ${at} OR (a.last_activity_at = ${at} AND a.id < ${id}::uuid))`;
    }
    case "severity": {
      const severity = k.severity ?? "high";
      const lower = SEVERITY_ORDER.slice(0, SEVERITY_ORDER.indexOf(severity));
      const [sev, at, id] = [add(severity), add(k.at), add(k.id)];
      const same = `a.severity = ${sev}::"Severity" AND (a.created_at < ${at} OR (a.created_at = ${at} AND a.id < ${id}::uuid))`;
      return lower.length ? `(a.severity = ANY(${add(lower)}::"Severity"[]) OR (${same}))` : `(${same})`;
    }
    default: {
      const [at, id] = [add(k.at), add(k.id)];
      return `(a.created_at < ${at} OR (a.created_at = ${at} AND a.id < ${id}::uuid))`;
    }
  }
};

const keysetOf = (sort: AlertSort, row: { id: string; createdAt: Date; lastActivityAt: Date; severity: TSeverity }): AlertKeyset =>
  sort === "last_activity" ? { at: row.lastActivityAt, id: row.id } : sort === "severity" ? { at: row.createdAt, severity: row.severity, id: row.id } : { at: row.createdAt, id: row.id };

const NO_COUNTS = Object.fromEntries(Object.values(AlertStatus).map((status) => [status, 0])) as Readonly<Record<TStatus, number>>;

/** The alerts' change counter (migration change_counters) as text, in a statement's own snapshot. */
export const ALERTS_VERSION = `(SELECT version::text FROM change_counters WHERE name = 'alerts')`;

/**
 * One page in the given order (default newest first), keyset-paginated on the order's columns and id, and how
 * many alerts each status has under the filters (their status filter ignored): one statement, one round trip.
 * `countsVersion`: the alerts' version of counts the caller already holds for these filters; when it is still
 * the current one the counts are not computed again (`counts` null). `version` is the version the result
 * was read at.
 */
export const listAlerts = async (
  options: Readonly<{ filters: AlertFilters; sort?: AlertSort; after?: AlertKeyset; limit: number; countsVersion?: string | null }>,
): Promise<{ rows: AlertRow[]; next: AlertKeyset | null; counts: Record<TStatus, number> | null; version: string | null }> => {
  const { filters, after, limit } = options;
  const sort = options.sort ?? "newest";
  const params: unknown[] = [];
  const countWhere = sqlWhere(whereOf({ ...filters, statuses: undefined }, params));
  const conditions = whereOf(filters, params);
  if (after) conditions.push(afterKeyset(sort, after, params));
  // The page first (LIMIT on alerts alone, so the sort's index is walked), then its assignees and links; the
  // counts row is there even when the page is empty.
  const { rows } = await getPgPool().query<TAlertSqlRow & { counts: Partial<Record<TStatus, number>> | null; ord: string; alerts_version: string | null }>(
    // The counts only when the caller's are outdated: a CASE runs its subquery only when that branch is taken.
    `WITH v AS (SELECT ${ALERTS_VERSION} AS version),
     counts AS (
       SELECT v.version, CASE WHEN v.version = $${params.push(options.countsVersion ?? null)}::text THEN NULL ELSE (
         SELECT COALESCE(json_object_agg(status, n), '{}')
         FROM (SELECT a.status::text AS status, count(*) AS n FROM alerts a ${countWhere} GROUP BY a.status) s) END AS counts
       FROM v),
     page AS (
       SELECT ${ALERT_COLUMNS}, ${ALERT_SEQS}, row_number() OVER (ORDER BY ${ORDER[sort]}) AS ord
       FROM (SELECT * FROM alerts a ${sqlWhere(conditions)} ORDER BY ${ORDER[sort]} LIMIT $${params.push(limit + 1)}) a
       LEFT JOIN users u ON u.id = a.assignee_id)
     SELECT c.version AS alerts_version, c.counts, p.* FROM counts c LEFT JOIN page p ON true ORDER BY p.ord`,
    params,
  );
  const found = rows.filter((r) => r.id !== null);
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

const ALERT_BY_ID_SQL = `SELECT ${ALERT_COLUMNS}, ${ALERT_SEQS} FROM alerts a LEFT JOIN users u ON u.id = a.assignee_id WHERE a.id = $1::uuid`;

export const findAlertById = async (id: string): Promise<AlertRow | null> => {
  const { rows } = await getPgPool().query<TAlertSqlRow>({ name: "alert-by-id", text: ALERT_BY_ID_SQL, values: [id] });
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
 * returns how many were new. Input episode keys are unique (merged upstream).
 */
export const upsertAlertsInTransaction = async (connectorId: string, alerts: readonly TAlertWrite[], trx: Sql = getSql()): Promise<number> => {
  if (alerts.length === 0) return 0;
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
  return rows.filter((r) => r.created).length;
};

export type UserAlertRow = Readonly<{
  id: string;
  title: string;
  policyName: string;
  severity: Severity;
  status: AlertStatus;
  createdAt: Date;
  lastActivityAt: Date;
}>;

/** An Atlassian account's alerts, newest first (its user page). */
export const listUserAlerts = async (connectorId: string, accountId: string, limit = 100, db: Sql = getSql()): Promise<UserAlertRow[]> =>
  db
    .selectFrom("alerts")
    .select(["id", "title", "policy_name as policyName", "severity", "status", "created_at as createdAt", "last_activity_at as lastActivityAt"])
    .where("connector_id", "=", connectorId)
    .where("user_account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();

// Alerts read or written for other features (moved here from their callers' repositories).

/** Alerts that include the activity (alert_activities ⨝ alerts), newest first. */
export const findAlertsOfActivity = (seq: string, sqlDb: Sql = getSql()) =>
  sqlDb
    .selectFrom("alert_activities as aa")
    .innerJoin("alerts as al", "al.id", "aa.alert_id")
    .select((eb) => [
      eb.cast<string>("al.id", "text").as("id"),
      "al.title",
      "al.policy_name as policyName",
      eb.cast<string>("al.severity", "text").as("severity"),
      eb.cast<string>("al.status", "text").as("status"),
      isoText(eb.ref("al.created_at")).as("createdAt"),
    ])
    .where("aa.activity_seq", "=", sql<string>`${seq}::bigint`)
    .orderBy("al.created_at", "desc")
    .limit(100)
    .execute();

export type ActivityAlertRow = Awaited<ReturnType<typeof findAlertsOfActivity>>[number];

/** What governance needs of an alert: whose it is and what it says. */
export const findAlertForGovernance = (id: string, db: Db = getDb()) =>
  db.alert.findUnique({ where: { id }, select: { id: true, connectorId: true, userAccountId: true, title: true, explanation: true } });

/** The alert as notifications show it, with its organization (connector) name. */
export const findAlertForNotification = (id: string, db: Db = getDb()) =>
  db.alert.findUnique({
    where: { id },
    select: {
      id: true,
      severity: true,
      policyKey: true,
      policyName: true,
      title: true,
      explanation: true,
      userAccountId: true,
      userName: true,
      userEmail: true,
      activityCount: true,
      firstActivityAt: true,
      lastActivityAt: true,
      connector: { select: { name: true } },
    },
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

/** posture_regression alerts of a connector with their linked activity seqs, newest first. */
export const listPostureAlerts = async (connectorId: string, db: Db = getDb()) =>
  db.alert.findMany({
    where: { connectorId, policyKey: "posture_regression" },
    orderBy: { createdAt: "desc" },
    select: { id: true, policyId: true, policyName: true, severity: true, userAccountId: true, userEmail: true, userName: true, title: true, details: true, episodeKey: true, activityCount: true, activities: { select: { activitySeq: true } } },
  });
