import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "../../generated/kysely/types";
import { getDb, getSql, type Db, type Sql } from "../db";

// Atlassian accounts of the connected orgs, as the users view shows them. Last activity is the later of
// Atlassian's last-active date and the newest activity folded into user_locations_seen; both scalar
// subqueries run only for the rows of the page (after ORDER BY … LIMIT).

export type AtlassianUserRow = Readonly<{
  id: string;
  connectorId: string;
  connectorName: string;
  accountId: string;
  name: string | null;
  email: string | null;
  domain: string | null;
  status: string;
  isAdmin: boolean;
  platformRoles: string[];
  lastActiveAt: Date | null;
  openAlerts: number;
  syncedAt: Date;
  sortKey: string;
  /** Investigation priority (user_priorities; 0 and zeros before the worker's first computation). */
  priorityScore: number;
  priorityTrend: number[];
}>;

const sortKey = (eb: ExpressionBuilder<DB & { u: DB["atlassian_users"] }, "u">) => eb.fn<string>("lower", [eb.fn.coalesce("u.name", "u.email", "u.account_id")]);

const priorityScore = sql<number>`coalesce(p.score, 0)`;
const ZERO_TREND = [0, 0, 0, 0, 0, 0, 0];

const selectUsers = (db: Sql) =>
  db
    .selectFrom("atlassian_users as u")
    .innerJoin("connectors as c", "c.id", "u.connector_id")
    .leftJoin("user_priorities as p", (join) => join.onRef("p.connector_id", "=", "u.connector_id").onRef("p.account_id", "=", "u.account_id"))
    .select((eb) => [
      priorityScore.as("priorityScore"),
      "p.trend as priorityTrend",
      "u.id", "u.connector_id as connectorId", "c.name as connectorName", "u.account_id as accountId", "u.name", "u.email", "u.domain", "u.status",
      "u.is_admin as isAdmin", "u.platform_roles as platformRoles", "u.synced_at as syncedAt", sortKey(eb).as("sortKey"),
      eb
        .fn<Date | null>("greatest", [
          "u.last_active_at",
          eb.selectFrom("user_locations_seen as s").select((m) => m.fn.max("s.last_seen").as("m")).whereRef("s.connector_id", "=", "u.connector_id").whereRef("s.actor_id", "=", "u.account_id"),
        ])
        .as("lastActiveAt"),
      eb
        .selectFrom("alerts as a")
        .select((n) => n.fn.countAll<string>().as("n"))
        .whereRef("a.connector_id", "=", "u.connector_id")
        .whereRef("a.user_account_id", "=", "u.account_id")
        .where("a.status", "in", ["open", "in_progress"])
        .as("openAlerts"),
    ]);

const toRow = ({ openAlerts, priorityTrend, ...r }: Awaited<ReturnType<ReturnType<typeof selectUsers>["executeTakeFirstOrThrow"]>>): AtlassianUserRow => ({
  ...r,
  openAlerts: Number(openAlerts ?? 0),
  priorityTrend: priorityTrend?.length === ZERO_TREND.length ? priorityTrend : ZERO_TREND,
});

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export type ListAtlassianUsersFilter = Readonly<{
  q?: string;
  connectorId?: string;
  status?: string;
  isAdmin?: boolean;
  /** priority: highest score first, then by name; name: by name. Both end with the id. */
  sort: "priority" | "name";
  /** Keyset: the sort key and id of the last row of the previous page (and before them its score, by priority). */
  after?: readonly [string, string];
  afterScore?: number;
  limit: number;
}>;

/**
 * One page by priority or name (then id); `limit + 1` rows are read to know whether another page follows. By
 * priority the whole filtered set is sorted on the joined score (a few ms for 10k users, docs/benchmarks.md).
 */
export const listAtlassianUsers = async (filter: ListAtlassianUsersFilter, db: Sql = getSql()): Promise<{ rows: AtlassianUserRow[]; hasMore: boolean }> => {
  const { q, after } = filter;
  const like = `%${escapeLike(q ?? "")}%`;
  const rows = await selectUsers(db)
    .$if(Boolean(q), (qb) => qb.where((eb) => eb.or([eb("u.name", "ilike", like), eb("u.email", "ilike", like), eb("u.account_id", "=", q ?? "")])))
    .$if(Boolean(filter.connectorId), (qb) => qb.where("u.connector_id", "=", filter.connectorId ?? ""))
    .$if(Boolean(filter.status), (qb) => qb.where("u.status", "=", filter.status ?? ""))
    .$if(filter.isAdmin !== undefined, (qb) => qb.where("u.is_admin", "=", filter.isAdmin ?? false))
    .$if(after !== undefined && filter.sort === "name", (qb) =>
      qb.where((eb) => eb(eb.tuple(sortKey(eb), eb.ref("u.id")), ">", eb.tuple(after?.[0] ?? "", sql<string>`${after?.[1]}::uuid`))),
    )
    .$if(after !== undefined && filter.sort === "priority", (qb) =>
      qb.where((eb) =>
        eb(eb.tuple(sql<number>`-coalesce(p.score, 0)`, sortKey(eb), eb.ref("u.id")), ">", eb.tuple(sql<number>`${-(filter.afterScore ?? 0)}::integer`, after?.[0] ?? "", sql<string>`${after?.[1]}::uuid`)),
      ),
    )
    .$if(filter.sort === "priority", (qb) => qb.orderBy(priorityScore, "desc"))
    .orderBy(sortKey)
    .orderBy("u.id")
    .limit(filter.limit + 1)
    .execute();
  return { rows: rows.slice(0, filter.limit).map(toRow), hasMore: rows.length > filter.limit };
};

export const findAtlassianUser = async (id: string, db: Sql = getSql()): Promise<AtlassianUserRow | null> => {
  const row = await selectUsers(db).where("u.id", "=", id).executeTakeFirst();
  return row ? toRow(row) : null;
};

/** Organization admins per connector (from the synced directory), for scope groups and the adminActor filter. */
export const listOrgAdmins = async (connectorIds?: readonly string[], db: Sql = getSql()): Promise<{ connectorId: string; accountId: string }[]> =>
  db
    .selectFrom("atlassian_users")
    .select(["connector_id as connectorId", "account_id as accountId"])
    .where("is_admin", "=", true)
    .$if(connectorIds !== undefined, (qb) => qb.where("connector_id", "=", sql<string>`ANY(${connectorIds ? [...connectorIds] : []}::uuid[])`))
    .execute();

/** Account ids of directory users with this email (email index), or this account id or exact name (any case). */
export const findActorIdsMatching = async (user: string, sqlDb: Sql = getSql()): Promise<string[]> => {
  const rows = await sqlDb
    .selectFrom("atlassian_users")
    .select("account_id")
    .distinct()
    .where((eb) =>
      user.includes("@")
        ? eb.or([eb("email", "=", user), eb("email", "=", eb.fn<string>("lower", [eb.val(user)]))])
        : eb.or([eb("account_id", "=", user), eb(eb.fn<string>("lower", ["name"]), "=", eb.fn<string>("lower", [eb.val(user)]))]),
    )
    .limit(50)
    .execute();
  return rows.map((r) => r.account_id);
};

/** The synced directory entry of an account in one connector. */
export const findConnectorUser = (connectorId: string, accountId: string, db: Db = getDb()) =>
  db.atlassianUser.findUnique({
    where: { connectorId_accountId: { connectorId, accountId } },
    select: { accountId: true, email: true, name: true, status: true },
  });

/** Names of the connectors whose directory has this account (to say where a user belongs). */
export const listConnectorNamesOfAccount = async (accountId: string, db: Db = getDb()): Promise<string[]> =>
  (await db.atlassianUser.findMany({ where: { accountId }, select: { connector: { select: { name: true } } }, take: 5 })).map((u) => u.connector.name);

/** Mirrors a change of access into the synced directory at once (the next directory sync confirms it). */
export const setConnectorUserStatus = async (connectorId: string, accountId: string, status: "active" | "suspended", db: Db = getDb()): Promise<void> => {
  await db.atlassianUser.updateMany({ where: { connectorId, accountId, status: { not: "deactivated" } }, data: { status } });
};
