import type { PoolClient } from "pg";
import type { Prisma } from "../../generated/prisma/client";
import { getDb } from "../db";

type TStatus = "open" | "in_progress" | "resolved" | "dismissed";
type TSeverity = "low" | "medium" | "high";

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

const SELECT = {
  id: true,
  policyKey: true,
  policyName: true,
  severity: true,
  status: true,
  connectorId: true,
  userAccountId: true,
  userEmail: true,
  userName: true,
  title: true,
  explanation: true,
  details: true,
  activityCount: true,
  firstActivityAt: true,
  lastActivityAt: true,
  createdAt: true,
  updatedAt: true,
  assignee: { select: { id: true, name: true, email: true } },
  classification: true,
  resolutionReason: true,
  resolvedAt: true,
} as const satisfies Prisma.AlertSelect;

export type AlertRow = Prisma.AlertGetPayload<{ select: typeof SELECT }> & { activitySeqs: bigint[] };

/** Activity seqs listed per alert at most (activityCount has the total). */
export const MAX_ACTIVITY_IDS = 1_000;

const whereOf = (f: AlertFilters): Prisma.AlertWhereInput => ({
  ...(f.statuses?.length ? { status: { in: [...f.statuses] } } : {}),
  ...(f.severities?.length ? { severity: { in: [...f.severities] } } : {}),
  ...(f.policyKey ? { policyKey: f.policyKey } : {}),
  ...(f.connectorId ? { connectorId: f.connectorId } : {}),
  ...(f.user ? { OR: [{ userAccountId: f.user }, { userEmail: { equals: f.user, mode: "insensitive" as const } }] } : {}),
  ...(f.from ? { lastActivityAt: { gte: f.from } } : {}),
  ...(f.to ? { firstActivityAt: { lt: f.to } } : {}),
  ...(f.assigneeId !== undefined ? { assigneeId: f.assigneeId } : {}),
});

const withSeqs = async <T extends { id: string }>(rows: T[]): Promise<(T & { activitySeqs: bigint[] })[]> => {
  if (rows.length === 0) return [];
  const links = await getDb().$queryRaw<{ alert_id: string; seqs: bigint[] }[]>`
    SELECT alert_id::text, (array_agg(activity_seq ORDER BY activity_seq))[1:${MAX_ACTIVITY_IDS}] AS seqs
    FROM alert_activities WHERE alert_id = ANY(${rows.map((r) => r.id)}::uuid[]) GROUP BY alert_id`;
  const byId = new Map(links.map((l) => [l.alert_id, l.seqs.map((s) => BigInt(s))]));
  return rows.map((r) => ({ ...r, activitySeqs: byId.get(r.id) ?? [] }));
};

export type AlertSort = "newest" | "oldest" | "severity" | "last_activity";

/** Where a page ends: the sort's key of the last row (created or last activity time, severity) and its id. */
export type AlertKeyset = Readonly<{ at: Date; severity?: TSeverity; id: string }>;

const SEVERITY_ORDER: readonly TSeverity[] = ["low", "medium", "high"];

const ORDER: Record<AlertSort, Prisma.AlertOrderByWithRelationInput[]> = {
  newest: [{ createdAt: "desc" }, { id: "desc" }],
  oldest: [{ createdAt: "asc" }, { id: "asc" }],
  // Postgres orders enums as declared (low < medium < high).
  severity: [{ severity: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  last_activity: [{ lastActivityAt: "desc" }, { id: "desc" }],
};

const afterKeyset = (sort: AlertSort, k: AlertKeyset): Prisma.AlertWhereInput => {
  switch (sort) {
    case "oldest":
      return { OR: [{ createdAt: { gt: k.at } }, { createdAt: k.at, id: { gt: k.id } }] };
    case "last_activity":
      return { OR: [{ lastActivityAt: { lt: k.at } }, { lastActivityAt: k.at, id: { lt: k.id } }] };
    case "severity": {
      const severity = k.severity ?? "high";
      const lower = SEVERITY_ORDER.slice(0, SEVERITY_ORDER.indexOf(severity));
      return {
        OR: [
          ...(lower.length ? [{ severity: { in: lower } }] : []),
          { severity, createdAt: { lt: k.at } },
          { severity, createdAt: k.at, id: { lt: k.id } },
        ],
      };
    }
    default:
      return { OR: [{ createdAt: { lt: k.at } }, { createdAt: k.at, id: { lt: k.id } }] };
  }
};

const keysetOf = (sort: AlertSort, row: { id: string; createdAt: Date; lastActivityAt: Date; severity: TSeverity }): AlertKeyset =>
  sort === "last_activity" ? { at: row.lastActivityAt, id: row.id } : sort === "severity" ? { at: row.createdAt, severity: row.severity, id: row.id } : { at: row.createdAt, id: row.id };

/** One page in the given order (default newest first), keyset-paginated on the order's columns and id. */
export const listAlerts = async (options: Readonly<{ filters: AlertFilters; sort?: AlertSort; after?: AlertKeyset; limit: number }>) => {
  const { filters, after, limit } = options;
  const sort = options.sort ?? "newest";
  const rows = await getDb().alert.findMany({
    where: { AND: [whereOf(filters), after ? afterKeyset(sort, after) : {}] },
    orderBy: ORDER[sort],
    take: limit + 1,
    select: SELECT,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: await withSeqs(page), next: rows.length > limit && last ? keysetOf(sort, last) : null };
};

/** How many alerts each status has under the filters (their status filter ignored). */
export const countAlertsByStatus = async (filters: AlertFilters): Promise<Record<TStatus, number>> => {
  const groups = await getDb().alert.groupBy({ by: ["status"], where: whereOf({ ...filters, statuses: undefined }), _count: { _all: true } });
  const counts: Record<TStatus, number> = { open: 0, in_progress: 0, resolved: 0, dismissed: 0 };
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
};

export const findAlertById = async (id: string): Promise<AlertRow | null> => {
  const row = await getDb().alert.findUnique({ where: { id }, select: SELECT });
  return row ? ((await withSeqs([row]))[0] ?? null) : null;
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

// Upserts alerts by episode key (first/last widen, text follows the newest evaluation), links their
// activities and writes a "created" history event for new ones; created = the row was inserted, not updated. Input episode keys are unique (merged upstream).
const UPSERT_ALERTS_SQL = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(policy_id uuid, policy_key text, policy_name text, severity text, user_account_id text,
      user_email text, user_name text, title text, explanation text, details jsonb, episode_key text, first_at timestamptz, last_at timestamptz, seqs jsonb)
  ), upserted AS (
    INSERT INTO alerts (id, policy_id, policy_key, policy_name, severity, connector_id, user_account_id, user_email, user_name, title, explanation,
      details, episode_key, activity_count, first_activity_at, last_activity_at, created_at, updated_at)
    SELECT gen_random_uuid(), i.policy_id, i.policy_key, i.policy_name, i.severity::"Severity", $1::uuid, i.user_account_id, i.user_email, i.user_name,
      i.title, i.explanation, i.details, i.episode_key, 0, i.first_at, i.last_at, clock_timestamp(), clock_timestamp()
    FROM input i
    ON CONFLICT (episode_key) DO UPDATE SET title = EXCLUDED.title, explanation = EXCLUDED.explanation, details = EXCLUDED.details,
      severity = EXCLUDED.severity, first_activity_at = LEAST(alerts.first_activity_at, EXCLUDED.first_activity_at),
      last_activity_at = GREATEST(alerts.last_activity_at, EXCLUDED.last_activity_at), updated_at = clock_timestamp()
    RETURNING id, episode_key, (xmax = 0) AS created
  ), created_events AS (
    INSERT INTO alert_events (alert_id, at, kind, detail)
    SELECT u.id, clock_timestamp(), 'created', jsonb_build_object('policyKey', i.policy_key, 'policyName', i.policy_name, 'severity', i.severity)
    FROM upserted u JOIN input i ON i.episode_key = u.episode_key WHERE u.created
  ), linked AS (
    INSERT INTO alert_activities (alert_id, activity_seq)
    SELECT u.id, s.seq::bigint FROM upserted u JOIN input i ON i.episode_key = u.episode_key, jsonb_array_elements_text(i.seqs) AS s(seq)
    ON CONFLICT DO NOTHING
  )
  SELECT id, created FROM upserted`;

/** Upserts alerts by episode key and links their activities, inside the detection transaction; returns how many were new. */
export const upsertAlertsInTransaction = async (client: PoolClient, connectorId: string, alerts: readonly TAlertWrite[]): Promise<number> => {
  if (alerts.length === 0) return 0;
  const rows = alerts.map((a) => ({
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
    seqs: a.activitySeqs.map((s) => s.toString()),
  }));
  const result = await client.query<{ id: string; created: boolean }>(UPSERT_ALERTS_SQL, [connectorId, JSON.stringify(rows)]);
  await client.query(
    "UPDATE alerts a SET activity_count = (SELECT count(*) FROM alert_activities l WHERE l.alert_id = a.id) WHERE a.id = ANY($1::uuid[])",
    [result.rows.map((r) => r.id)],
  );
  return result.rows.filter((r) => r.created).length;
};
