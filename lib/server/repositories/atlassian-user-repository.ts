import { sql } from "kysely";
import { getPgPool, getSql, type Sql } from "../db";

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
}>;

type RawUser = {
  id: string;
  connector_id: string;
  connector_name: string;
  account_id: string;
  name: string | null;
  email: string | null;
  domain: string | null;
  status: string;
  is_admin: boolean;
  platform_roles: string[];
  last_active_at: Date | null;
  open_alerts: string;
  synced_at: Date;
  sort_key: string;
};

const SORT_KEY = "lower(COALESCE(u.name, u.email, u.account_id))";
const SELECT_USER = `
  SELECT u.id, u.connector_id, c.name AS connector_name, u.account_id, u.name, u.email, u.domain, u.status, u.is_admin, u.platform_roles,
    u.synced_at, ${SORT_KEY} AS sort_key,
    GREATEST(u.last_active_at, (SELECT max(s.last_seen) FROM user_locations_seen s WHERE s.connector_id = u.connector_id AND s.actor_id = u.account_id))
      AS last_active_at,
    (SELECT count(*) FROM alerts a WHERE a.connector_id = u.connector_id AND a.user_account_id = u.account_id AND a.status IN ('open', 'in_progress'))::text
      AS open_alerts
  FROM atlassian_users u JOIN connectors c ON c.id = u.connector_id`;

const toRow = (r: RawUser): AtlassianUserRow => ({
  id: r.id,
  connectorId: r.connector_id,
  connectorName: r.connector_name,
  accountId: r.account_id,
  name: r.name,
  email: r.email,
  domain: r.domain,
  status: r.status,
  isAdmin: r.is_admin,
  platformRoles: r.platform_roles,
  lastActiveAt: r.last_active_at,
  openAlerts: Number(r.open_alerts),
  syncedAt: r.synced_at,
  sortKey: r.sort_key,
});

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export type ListAtlassianUsersFilter = Readonly<{
  q?: string;
  connectorId?: string;
  status?: string;
  isAdmin?: boolean;
  /** Keyset: the sort key and id of the last row of the previous page. */
  after?: readonly [string, string];
  limit: number;
}>;

/** One page by name (then id); `limit + 1` rows are read to know whether another page follows. */
export const listAtlassianUsers = async (filter: ListAtlassianUsersFilter): Promise<{ rows: AtlassianUserRow[]; hasMore: boolean }> => {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.q) {
    const like = add(`%${escapeLike(filter.q)}%`);
    where.push(`(u.name ILIKE ${like} OR u.email ILIKE ${like} OR u.account_id = ${add(filter.q)})`);
  }
  if (filter.connectorId) where.push(`u.connector_id = ${add(filter.connectorId)}::uuid`);
  if (filter.status) where.push(`u.status = ${add(filter.status)}`);
  if (filter.isAdmin !== undefined) where.push(`u.is_admin = ${add(filter.isAdmin)}`);
  if (filter.after) where.push(`(${SORT_KEY}, u.id) > (${add(filter.after[0])}, ${add(filter.after[1])}::uuid)`);
  const { rows } = await getPgPool().query<RawUser>(
    `${SELECT_USER} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY ${SORT_KEY}, u.id LIMIT ${add(filter.limit + 1)}`,
    params,
  );
  return { rows: rows.slice(0, filter.limit).map(toRow), hasMore: rows.length > filter.limit };
};

export const findAtlassianUser = async (id: string): Promise<AtlassianUserRow | null> => {
  const { rows } = await getPgPool().query<RawUser>(`${SELECT_USER} WHERE u.id = $1::uuid`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
};

export type UserLocationRow = Readonly<{
  ip: string;
  countryCode: string | null;
  country: string | null;
  city: string | null;
  firstSeen: Date;
  lastSeen: Date;
  count: number;
}>;

/** The IPs an account was seen from (rollup user_locations_seen), newest first. */
export const listUserLocations = async (connectorId: string, accountId: string, limit = 500): Promise<UserLocationRow[]> => {
  const { rows } = await getPgPool().query<{
    ip: string;
    country_code: string | null;
    country: string | null;
    city: string | null;
    first_seen: Date;
    last_seen: Date;
    count: number;
  }>(
    `SELECT ip, country_code, country, city, first_seen, last_seen, count FROM user_locations_seen
     WHERE connector_id = $1::uuid AND actor_id = $2 ORDER BY last_seen DESC LIMIT $3`,
    [connectorId, accountId, limit],
  );
  return rows.map((r) => ({ ip: r.ip, countryCode: r.country_code, country: r.country, city: r.city, firstSeen: r.first_seen, lastSeen: r.last_seen, count: r.count }));
};

export type UserAlertRow = Readonly<{
  id: string;
  title: string;
  policyName: string;
  severity: "low" | "medium" | "high";
  status: "open" | "in_progress" | "resolved" | "dismissed";
  createdAt: Date;
  lastActivityAt: Date;
}>;

export const listUserAlerts = async (connectorId: string, accountId: string, limit = 100): Promise<UserAlertRow[]> => {
  const { rows } = await getPgPool().query<{
    id: string;
    title: string;
    policy_name: string;
    severity: UserAlertRow["severity"];
    status: UserAlertRow["status"];
    created_at: Date;
    last_activity_at: Date;
  }>(
    `SELECT id, title, policy_name, severity::text AS severity, status::text AS status, created_at, last_activity_at FROM alerts
     WHERE connector_id = $1::uuid AND user_account_id = $2 ORDER BY created_at DESC LIMIT $3`,
    [connectorId, accountId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    policyName: r.policy_name,
    severity: r.severity,
    status: r.status,
    createdAt: r.created_at,
    lastActivityAt: r.last_activity_at,
  }));
};

export type UserActivityRow = Readonly<{
  seq: string;
  eventId: string;
  eventTime: Date;
  action: string;
  actionName: string | null;
  product: string;
  targetName: string | null;
  ip: string | null;
  countryCode: string | null;
  country: string | null;
  city: string | null;
}>;

/**
 * An account's activities newest first (the (actor_id, event_time, seq) index), keyset-paginated on
 * (event_time, seq): event times have millisecond precision, so an ISO timestamp in the cursor is exact.
 */
export const listUserActivities = async (
  options: Readonly<{ connectorId: string; accountId: string; before?: readonly [string, string]; limit: number }>,
): Promise<{ rows: UserActivityRow[]; hasMore: boolean }> => {
  const params: unknown[] = [options.accountId, options.connectorId, options.limit + 1];
  const keyset = options.before ? "AND (event_time, seq) < ($4::timestamptz, $5::bigint)" : "";
  if (options.before) params.push(options.before[0], options.before[1]);
  const { rows } = await getPgPool().query<{
    seq: string;
    event_id: string;
    event_time: Date;
    action: string;
    action_name: string | null;
    product: string;
    target_name: string | null;
    ip: string | null;
    country_code: string | null;
    country: string | null;
    city: string | null;
  }>(
    `SELECT seq::text, event_id, event_time, action, action_name, product, target_name, host(ip) AS ip, country_code, country, city
     FROM activities WHERE actor_id = $1 AND connector_id = $2::uuid ${keyset}
     ORDER BY event_time DESC, seq DESC LIMIT $3`,
    params,
  );
  return {
    rows: rows.slice(0, options.limit).map((r) => ({
      seq: r.seq,
      eventId: r.event_id,
      eventTime: r.event_time,
      action: r.action,
      actionName: r.action_name,
      product: r.product,
      targetName: r.target_name,
      ip: r.ip,
      countryCode: r.country_code,
      country: r.country,
      city: r.city,
    })),
    hasMore: rows.length > options.limit,
  };
};

/** Organization admins per connector (from the synced directory), for scope groups and the adminActor filter. */
export const listOrgAdmins = async (connectorIds?: readonly string[], db: Sql = getSql()): Promise<{ connectorId: string; accountId: string }[]> =>
  db
    .selectFrom("atlassian_users")
    .select(["connector_id as connectorId", "account_id as accountId"])
    .where("is_admin", "=", true)
    .$if(connectorIds !== undefined, (qb) => qb.where("connector_id", "=", sql<string>`ANY(${connectorIds ? [...connectorIds] : []}::uuid[])`))
    .execute();
