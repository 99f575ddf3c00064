import { sql, type NotNull } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import { getSql, type Sql } from "../db";
import { alertColumns, toAlertRow, type AlertRow, type UserAlertRow } from "./alert-repository";
import { insertAlertEvents, type TTriageActor } from "./alert-triage-repository";
import { runNamed } from "./prepared-statement";

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
// and a read, the largest part of its CPU under load (bench:load, docs/benchmarks.md). Fixed text: a named
// statement (runNamed).
const alertDetailQuery = (db: Sql, id: string, recentAlerts: number) =>
  db
    .selectFrom("alerts as a")
    .leftJoin("users as u", "u.id", "a.assignee_id")
    .select(alertColumns)
    .select((eb) => [
      eb
        .selectFrom("alert_comments as c")
        .select((c) =>
          c.fn
            .coalesce(
              c.fn
                .jsonAgg(
                  jsonBuildObject({
                    id: c.ref("c.id"),
                    authorId: c.ref("c.author_id"),
                    authorName: c.ref("c.author_name"),
                    authorEmail: c.ref("c.author_email"),
                    body: c.ref("c.body"),
                    createdAt: c.ref("c.created_at"),
                  }),
                )
                .orderBy("c.created_at")
                .orderBy("c.id"),
              sql.lit("[]"),
            )
            .as("comments"),
        )
        .whereRef("c.alert_id", "=", "a.id")
        .as("comments"),
      eb
        .selectFrom("alert_events as e")
        .select((e) =>
          e.fn
            .coalesce(
              e.fn
                .jsonAgg(
                  jsonBuildObject({
                    // bigint: as text, JSON numbers lose precision past 2^53.
                    id: e.cast<string>("e.id", "text"),
                    at: e.ref("e.at"),
                    actorId: e.ref("e.actor_id"),
                    actorEmail: e.ref("e.actor_email"),
                    actorName: e.ref("e.actor_name"),
                    kind: e.ref("e.kind"),
                    detail: e.ref("e.detail"),
                  }),
                )
                .orderBy("e.at")
                .orderBy("e.id"),
              sql.lit("[]"),
            )
            .as("history"),
        )
        .whereRef("e.alert_id", "=", "a.id")
        .as("history"),
      eb
        .selectFrom("atlassian_users as d")
        .select((d) => jsonBuildObject({ isAdmin: d.ref("d.is_admin"), status: d.ref("d.status") }).as("directory"))
        .whereRef("d.connector_id", "=", "a.connector_id")
        .whereRef("d.account_id", "=", "a.user_account_id")
        .as("directory"),
      eb
        .selectFrom(
          eb
            .selectFrom("user_locations_seen")
            .select((l) => [
              "user_locations_seen.country_code",
              l.fn.min("user_locations_seen.first_seen").as("first_seen"),
              l.fn.max("user_locations_seen.last_seen").as("last_seen"),
            ])
            .whereRef("user_locations_seen.connector_id", "=", "a.connector_id")
            .whereRef("user_locations_seen.actor_id", "=", "a.user_account_id")
            .where("user_locations_seen.country_code", "is not", null)
            .$narrowType<{ country_code: NotNull }>()
            .groupBy("user_locations_seen.country_code")
            .as("s"),
        )
        .select((s) =>
          s.fn
            .coalesce(
              s.fn
                .jsonAgg(jsonBuildObject({ countryCode: s.ref("s.country_code"), firstSeen: s.ref("s.first_seen"), lastSeen: s.ref("s.last_seen") }))
                .orderBy("s.last_seen", "desc")
                .orderBy("s.country_code"),
              sql.lit("[]"),
            )
            .as("countries"),
        )
        .as("countries"),
      eb
        .selectFrom(
          eb
            .selectFrom("alerts as o")
            .select(["o.id", "o.title", "o.policy_name", "o.severity", "o.status", "o.created_at", "o.last_activity_at"])
            .whereRef("o.connector_id", "=", "a.connector_id")
            .whereRef("o.user_account_id", "=", "a.user_account_id")
            .whereRef("o.id", "<>", "a.id")
            .orderBy("o.created_at", "desc")
            .limit(recentAlerts)
            .as("r"),
        )
        .select((r) =>
          r.fn
            .coalesce(
              r.fn
                .jsonAgg(
                  jsonBuildObject({
                    id: r.ref("r.id"),
                    title: r.ref("r.title"),
                    policyName: r.ref("r.policy_name"),
                    severity: r.ref("r.severity"),
                    status: r.ref("r.status"),
                    createdAt: r.ref("r.created_at"),
                    lastActivityAt: r.ref("r.last_activity_at"),
                  }),
                )
                .orderBy("r.created_at", "desc"),
              sql.lit("[]"),
            )
            .as("recent"),
        )
        .as("recent"),
    ])
    .where("a.id", "=", sql<string>`${id}::uuid`);

/** One alert with everything its page shows; `recentAlerts` are the account's latest other alerts, newest first. Null when not found. */
export const findAlertDetail = async (id: string, recentAlerts: number, db: Sql = getSql()): Promise<AlertDetailRow | null> => {
  const rows = await runNamed(db, "alert-detail", alertDetailQuery(db, id, recentAlerts));
  const row = rows[0];
  if (!row) return null;
  const { comments, history, directory, countries, recent, ...alert } = row;
  return {
    alert: toAlertRow(alert),
    comments: (comments ?? []).map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
    history: (history ?? []).map((e) => ({ ...e, id: BigInt(e.id), at: new Date(e.at) })),
    user: alert.userAccountId
      ? {
          isAdmin: directory ? directory.isAdmin : null,
          status: directory ? directory.status : null,
          countries: (countries ?? []).map((c) => ({ countryCode: c.countryCode, firstSeen: new Date(c.firstSeen), lastSeen: new Date(c.lastSeen) })),
          recentAlerts: (recent ?? []).map((r) => ({ ...r, createdAt: new Date(r.createdAt), lastActivityAt: new Date(r.lastActivityAt) })),
        }
      : null,
  };
};
