import { getDb, getPgPool } from "../db";
import { inTransaction, insertAlertEvents, type TTriageActor } from "./alert-triage-repository";

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

const COMMENT_SELECT = { id: true, authorId: true, authorName: true, authorEmail: true, body: true, createdAt: true } as const;

/** Oldest first. */
export const listAlertComments = (alertId: string): Promise<AlertCommentRow[]> =>
  getDb().alertComment.findMany({ where: { alertId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: COMMENT_SELECT });

/** Oldest first (time, then insertion order). */
export const listAlertEvents = (alertId: string): Promise<AlertEventRow[]> =>
  getDb().alertEvent.findMany({
    where: { alertId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { id: true, at: true, actorId: true, actorEmail: true, actorName: true, kind: true, detail: true },
  });

/**
 * Adds a comment and its "commented" history event in one transaction; null when the alert does not exist
 * (the alert row is key-share locked so that it cannot vanish in between).
 */
export const insertAlertComment = (
  options: Readonly<{ alertId: string; author: TTriageActor & { name: string; email: string }; body: string; excerpt: string }>,
): Promise<AlertCommentRow | null> =>
  inTransaction(async (client) => {
    const { alertId, author, body } = options;
    const found = await client.query("SELECT 1 FROM alerts WHERE id = $1::uuid FOR KEY SHARE", [alertId]);
    if (found.rowCount === 0) return null;
    const { rows } = await client.query<{ id: string; created_at: Date }>(
      `INSERT INTO alert_comments (id, alert_id, author_id, author_email, author_name, body, created_at)
       VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3, $4, $5, clock_timestamp()) RETURNING id::text, created_at`,
      [alertId, author.id, author.email, author.name, body],
    );
    const row = rows[0];
    if (!row) throw new Error("comment insert returned no row");
    await insertAlertEvents(client, author, [{ alertId, kind: "commented", detail: { commentId: row.id, excerpt: options.excerpt } }]);
    return { id: row.id, authorId: author.id, authorName: author.name, authorEmail: author.email, body, createdAt: row.created_at };
  });

export type AlertUserContextRow = Readonly<{
  isAdmin: boolean | null;
  status: string | null;
  countries: { countryCode: string; firstSeen: Date; lastSeen: Date }[];
}>;

/** The account's directory entry (admin, status) and its countries seen, most recent first. */
export const findAlertUserContext = async (connectorId: string, accountId: string): Promise<AlertUserContextRow> => {
  const pool = getPgPool();
  const [user, countries] = await Promise.all([
    pool.query<{ is_admin: boolean; status: string }>("SELECT is_admin, status FROM atlassian_users WHERE connector_id = $1::uuid AND account_id = $2", [connectorId, accountId]),
    pool.query<{ country_code: string; first_seen: Date; last_seen: Date }>(
      `SELECT country_code, min(first_seen) AS first_seen, max(last_seen) AS last_seen FROM user_locations_seen
       WHERE connector_id = $1::uuid AND actor_id = $2 AND country_code IS NOT NULL
       GROUP BY country_code ORDER BY max(last_seen) DESC, country_code`,
      [connectorId, accountId],
    ),
  ]);
  const found = user.rows[0];
  return {
    isAdmin: found ? found.is_admin : null,
    status: found ? found.status : null,
    countries: countries.rows.map((r) => ({ countryCode: r.country_code, firstSeen: r.first_seen, lastSeen: r.last_seen })),
  };
};
