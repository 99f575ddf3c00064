import { randomUUID } from "node:crypto";
import pg from "pg";

// Rows for alert tests written straight into the database (no simulator, no detection run): a connector,
// its directory users and seen locations, activities with IPs, and alerts linked to them.

type TStatus = "open" | "in_progress" | "resolved" | "dismissed";

export type TAlertSeed = Readonly<{
  connectorId: string;
  policyKey?: string;
  severity?: "low" | "medium" | "high";
  status?: TStatus;
  userAccountId?: string | null;
  userEmail?: string | null;
  title?: string;
  createdAt?: Date;
  lastActivityAt?: Date;
  activitySeqs?: readonly bigint[];
}>;

/** Opens one client for a test file; call `close()` in afterAll. */
export const createAlertFixtures = async () => {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();

  const connector = async (name = "Acme"): Promise<string> => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, status, updated_at)
       VALUES ($1, $2, $3, 'http://127.0.0.1:1', 'x', 'none', $3, now() + interval '1 year', now(), 'connected', now())`,
      [id, name, `org-${id.slice(0, 8)}`],
    );
    return id;
  };

  const atlassianUser = async (connectorId: string, accountId: string, options: Readonly<{ isAdmin?: boolean; status?: string }> = {}) => {
    await db.query(
      `INSERT INTO atlassian_users (id, connector_id, account_id, name, email, domain, status, is_admin, platform_roles, synced_at)
       VALUES (gen_random_uuid(), $1, $2, $2, $2 || '@acme.test', 'acme.test', $3, $4, '{}', now())`,
      [connectorId, accountId, options.status ?? "active", options.isAdmin ?? false],
    );
  };

  const locationSeen = async (connectorId: string, accountId: string, ip: string, countryCode: string, firstSeen: Date, lastSeen: Date) => {
    await db.query(
      `INSERT INTO user_locations_seen (connector_id, actor_id, ip, country_code, first_seen, last_seen, count) VALUES ($1, $2, $3, $4, $5, $6, 1)`,
      [connectorId, accountId, ip, countryCode, firstSeen, lastSeen],
    );
  };

  /** An activity of the account; returns its seq. */
  const activity = async (connectorId: string, accountId: string, ip: string | null, time = new Date()): Promise<bigint> => {
    const { rows } = await db.query<{ seq: string }>(
      `INSERT INTO activities (connector_id, event_id, event_time, action, product, actor_id, ip, raw)
       VALUES ($1, $2, $3, 'user_login', 'admin', $4, $5::inet, '{}') RETURNING seq::text`,
      [connectorId, randomUUID(), time, accountId, ip],
    );
    return BigInt(rows[0]?.seq ?? "0");
  };

  /** An alert (open, medium, impossible_travel unless told) linked to the given activities; returns its id. */
  const alert = async (seed: TAlertSeed): Promise<string> => {
    const id = randomUUID();
    const created = seed.createdAt ?? new Date();
    await db.query(
      `INSERT INTO alerts (id, policy_key, policy_name, severity, status, connector_id, user_account_id, user_email, title, explanation, episode_key,
         activity_count, first_activity_at, last_activity_at, created_at, updated_at)
       VALUES ($1::uuid, $2, $2, $3::"Severity", $4::"AlertStatus", $5, $6, $7, $8, 'x', $1::text, $9, $10, $10, $11, $11)`,
      [
        id,
        seed.policyKey ?? "impossible_travel",
        seed.severity ?? "medium",
        seed.status ?? "open",
        seed.connectorId,
        seed.userAccountId === undefined ? "acc-ada" : seed.userAccountId,
        seed.userEmail ?? null,
        seed.title ?? `Alert ${id.slice(0, 8)}`,
        seed.activitySeqs?.length ?? 0,
        seed.lastActivityAt ?? created,
        created,
      ],
    );
    for (const seq of seed.activitySeqs ?? []) await db.query("INSERT INTO alert_activities (alert_id, activity_seq) VALUES ($1, $2)", [id, seq.toString()]);
    return id;
  };

  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => (await db.query<T>(text, values)).rows;

  return { connector, atlassianUser, locationSeen, activity, alert, query, close: () => db.end() };
};
