import { sql } from "kysely";
import { getPgPool, getSql, type Sql } from "../db";
import { ALERT_COLUMNS, ALERT_SEQS, toAlertRow, type AlertRow, type TAlertSqlRow, type UserAlertRow } from "./alert-repository";
import { insertAlertEvents, type TTriageActor } from "./alert-triage-repository";

// What the alert page shows beside the alert: comments, history and the Atlassian user's context.

export type AlertCommentRow = Readonly<{ id: string; authorId: string | null; authorName: string; authorEmail: string; body: string; createdAt: Date }>;

export type AlertEventRow = Readonly<{
  id: bigint;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  kind: string;
  detail: unknown;
}>;

/**
 * Adds a comment and its "commented" history event in one transaction; null when the alert does not exist
 * (the alert row is key-share locked so that it cannot vanish in between).
 */
export const insertAlertComment = (
  options: Readonly<{ alertId: string; author: TTriageActor & { name: string; email: string }; body: string; excerpt: string }>,
  db: Sql = getSql(),
): Promise<AlertCommentRow | null> =>
  db.transaction().execute(async (trx) => {
    const { alertId, author, body } = options;
    const found = await trx.selectFrom("alerts").select("id").where("id", "=", alertId).forKeyShare().executeTakeFirst();
    if (!found) return null;
    const row = await trx
      .insertInto("alert_comments")
      .values({
        id: sql<string>`gen_random_uuid()`,
        alert_id: alertId,
        author_id: author.id,
        author_email: author.email,
        author_name: author.name,
        body,
        created_at: sql<Date>`clock_timestamp()`,
      })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    await insertAlertEvents(author, [{ alertId, kind: "commented", detail: { commentId: row.id, excerpt: options.excerpt } }], trx);
    return { id: row.id, authorId: author.id, authorName: author.name, authorEmail: author.email, body, createdAt: row.created_at };
  });

export type AlertUserContextRow = Readonly<{
  isAdmin: boolean | null;
  status: string | null;
  countries: { countryCode: string; firstSeen: Date; lastSeen: Date }[];
}>;

export type AlertDetailRow = Readonly<{
  alert: AlertRow;
  comments: AlertCommentRow[];
  history: AlertEventRow[];
  /** Null when the alert names no account. */
  user: (AlertUserContextRow & { recentAlerts: UserAlertRow[] }) | null;
}>;

// The alert page in one statement (the alert, its comments and history, its account's directory entry,
// countries and latest other alerts) instead of seven round trips: each costs the web process a socket write
// and a read, the largest part of its CPU under load (bench:load, docs/benchmarks.md).
const ALERT_DETAIL_SQL = `SELECT ${ALERT_COLUMNS}, ${ALERT_SEQS},
  (SELECT coalesce(json_agg(json_build_object('id', c.id, 'authorId', c.author_id, 'authorName', c.author_name, 'authorEmail', c.author_email,
      'body', c.body, 'createdAt', c.created_at) ORDER BY c.created_at, c.id), '[]')
    FROM alert_comments c WHERE c.alert_id = a.id) AS comments,
  (SELECT coalesce(json_agg(json_build_object('id', e.id::text, 'at', e.at, 'actorId', e.actor_id, 'actorEmail', e.actor_email,
      'actorName', e.actor_name, 'kind', e.kind, 'detail', e.detail) ORDER BY e.at, e.id), '[]')
    FROM alert_events e WHERE e.alert_id = a.id) AS history,
  (SELECT json_build_object('isAdmin', d.is_admin, 'status', d.status) FROM atlassian_users d
    WHERE d.connector_id = a.connector_id AND d.account_id = a.user_account_id) AS directory,
  (SELECT coalesce(json_agg(json_build_object('countryCode', s.country_code, 'firstSeen', s.first_seen, 'lastSeen', s.last_seen)
      ORDER BY s.last_seen DESC, s.country_code), '[]')
    FROM (SELECT country_code, min(first_seen) AS first_seen, max(last_seen) AS last_seen FROM user_locations_seen
      WHERE connector_id = a.connector_id AND actor_id = a.user_account_id AND country_code IS NOT NULL GROUP BY country_code) s) AS countries,
  (SELECT coalesce(json_agg(json_build_object('id', r.id, 'title', r.title, 'policyName', r.policy_name, 'severity', r.severity,
      'status', r.status, 'createdAt', r.created_at, 'lastActivityAt', r.last_activity_at) ORDER BY r.created_at DESC), '[]')
    FROM (SELECT id, title, policy_name, severity, status, created_at, last_activity_at FROM alerts o
      WHERE o.connector_id = a.connector_id AND o.user_account_id = a.user_account_id AND o.id <> a.id ORDER BY o.created_at DESC LIMIT $2) r) AS recent
  FROM alerts a LEFT JOIN users u ON u.id = a.assignee_id WHERE a.id = $1::uuid`;

type TJsonComment = Omit<AlertCommentRow, "createdAt"> & { createdAt: string };
type TJsonEvent = Omit<AlertEventRow, "id" | "at"> & { id: string; at: string };
type TJsonRecent = Omit<UserAlertRow, "createdAt" | "lastActivityAt"> & { createdAt: string; lastActivityAt: string };

/** One alert with everything its page shows; `recentAlerts` are the account's latest other alerts, newest first. Null when not found. */
export const findAlertDetail = async (id: string, recentAlerts: number): Promise<AlertDetailRow | null> => {
  const { rows } = await getPgPool().query<
    TAlertSqlRow & {
      comments: TJsonComment[];
      history: TJsonEvent[];
      directory: { isAdmin: boolean; status: string } | null;
      countries: { countryCode: string; firstSeen: string; lastSeen: string }[];
      recent: TJsonRecent[];
    }
  >({ name: "alert-detail", text: ALERT_DETAIL_SQL, values: [id, recentAlerts] });
  const row = rows[0];
  if (!row) return null;
  const { comments, history, directory, countries, recent, ...alert } = row;
  return {
    alert: toAlertRow(alert),
    comments: comments.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
    history: history.map((e) => ({ ...e, id: BigInt(e.id), at: new Date(e.at) })),
    user: alert.userAccountId
      ? {
          isAdmin: directory ? directory.isAdmin : null,
          status: directory ? directory.status : null,
          countries: countries.map((c) => ({ countryCode: c.countryCode, firstSeen: new Date(c.firstSeen), lastSeen: new Date(c.lastSeen) })),
          recentAlerts: recent.map((r) => ({ ...r, createdAt: new Date(r.createdAt), lastActivityAt: new Date(r.lastActivityAt) })),
        }
      : null,
  };
};
