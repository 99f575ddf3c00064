// What the fault suite checks, read straight from PostgreSQL (one short connection per question, so a
// restart of the database between two questions costs nothing).
import pg from "pg";
import { insertSessionActivity, insertSessionPolicy } from "../../lib/testing/session-policy-rows";

export type TStoreCheck = Readonly<{ stored: number; duplicates: number; missing: number; unexpected: number }>;

export const createProbe = (databaseUrl: string) => {
  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };

  return {
    storedCount: async (connectorId: string): Promise<number> =>
      Number((await query<{ n: string }>("SELECT count(*) AS n FROM activities WHERE connector_id = $1 AND source = 'audit_log'", [connectorId]))[0]?.n ?? 0),

    /** Stored audit-log event ids against the simulator's: count, ids, and rows stored twice (session-proxy activities are not events of the org's log). */
    checkActivities: async (connectorId: string, expected: ReadonlySet<string>): Promise<TStoreCheck> => {
      const ids = (await query<{ event_id: string }>("SELECT event_id FROM activities WHERE connector_id = $1 AND source = 'audit_log'", [connectorId])).map((r) => r.event_id);
      const distinct = new Set(ids);
      let missing = 0;
      for (const id of expected) if (!distinct.has(id)) missing++;
      let unexpected = 0;
      for (const id of distinct) if (!expected.has(id)) unexpected++;
      return { stored: ids.length, duplicates: ids.length - distinct.size, missing, unexpected };
    },

    /** Event ids in the connector's quarantine, with how many times each was seen. */
    quarantinedIds: async (connectorId: string): Promise<Map<string, number>> =>
      new Map(
        (await query<{ event_id: string; seen_count: number }>("SELECT event_id, seen_count FROM quarantined_events WHERE connector_id = $1", [connectorId])).map((r) => [
          r.event_id,
          r.seen_count,
        ]),
      ),

    /** Activities of the connector that detection has not processed yet. */
    detectionBacklog: async (connectorId: string): Promise<number> => {
      const [row] = await query<{ n: string }>(
        `SELECT count(*) AS n FROM activities a WHERE a.connector_id = $1 AND a.seq > COALESCE(
           (SELECT last_seq FROM activity_consumer_cursors WHERE consumer = 'detection' AND connector_id = $1), 0)`,
        [connectorId],
      );
      return Number(row?.n ?? 0);
    },

    /**
     * Duplicated alerts, described: two alerts of one policy for the same user and window start, or one
     * activity linked to two alerts of the same policy (a replayed batch raising its episode again).
     */
    /**
     * Incidents (issue 25) after restarts: every alert with an account has an incident, and no account has two open
     * incidents whose windows overlap (what two workers grouping at once without the per-account lock would make).
     */
    incidentGaps: async (): Promise<string[]> => {
      const ungrouped = await query<{ n: string }>("SELECT count(*) AS n FROM alerts WHERE user_account_id IS NOT NULL AND incident_id IS NULL");
      const overlapping = await query<{ user_account_id: string; n: string }>(
        `SELECT i.user_account_id, count(*) AS n FROM incidents i JOIN incidents j ON j.connector_id = i.connector_id AND j.user_account_id = i.user_account_id
           AND j.id > i.id AND j.status IN ('open', 'in_progress') AND j.first_activity_at <= i.joinable_until AND i.first_activity_at <= j.joinable_until
         WHERE i.status IN ('open', 'in_progress') GROUP BY i.user_account_id`,
      );
      return [
        ...(Number(ungrouped[0]?.n ?? 0) > 0 ? [`${ungrouped[0]?.n} alerts with an account but no incident`] : []),
        ...overlapping.map((r) => `${r.user_account_id}: ${r.n} pairs of open incidents with overlapping windows`),
      ];
    },
    alertDuplicates: async (): Promise<string[]> => {
      const sameWindow = await query<{ policy_key: string; user_account_id: string | null; first_activity_at: Date; n: string }>(
        `SELECT policy_key, user_account_id, first_activity_at, count(*) AS n FROM alerts
         GROUP BY connector_id, policy_key, user_account_id, first_activity_at HAVING count(*) > 1`,
      );
      const sameActivity = await query<{ policy_key: string; activity_seq: string; n: string }>(
        `SELECT al.policy_key, aa.activity_seq::text, count(*) AS n FROM alert_activities aa JOIN alerts al ON al.id = aa.alert_id
         GROUP BY al.policy_key, aa.activity_seq HAVING count(*) > 1`,
      );
      return [
        ...sameWindow.map((r) => `${r.n} ${r.policy_key} alerts for ${r.user_account_id ?? "no user"} from ${r.first_activity_at.toISOString()}`),
        ...sameActivity.map((r) => `activity ${r.activity_seq} in ${r.n} ${r.policy_key} alerts`),
      ];
    },

    /** Workers up now: presence locks held (worker-presence-repository.ts). */
    liveWorkerKeys: async (): Promise<number[]> => {
      const { LIVE_KEYS_SQL } = await import("../../lib/server/repositories/worker-presence-repository");
      return (await query<Record<string, number>>(LIVE_KEYS_SQL)).map((row) => Number(Object.values(row)[0]));
    },

    /** Status of one governance action. */
    governanceStatus: async (id: string): Promise<string | null> => (await query<{ status: string }>("SELECT status::text FROM governance_actions WHERE id = $1", [id]))[0]?.status ?? null,

    /**
     * The session holding the connector's detection cursor (a worker mid-batch), as its application_name, or
     * null when nobody holds it: a second session asks for the row lock and reads whom it waits for.
     */
    detectionHolder: async (connectorId: string): Promise<string | null> => {
      const waiter = new pg.Client({ connectionString: databaseUrl });
      const watcher = new pg.Client({ connectionString: databaseUrl });
      await Promise.all([waiter.connect(), watcher.connect()]);
      try {
        const waiterPid = (await waiter.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid;
        await waiter.query("BEGIN");
        await waiter.query("SET LOCAL lock_timeout = '2s'");
        let isSettled = false;
        const locking = waiter
          .query("SELECT 1 FROM activity_consumer_cursors WHERE consumer = 'detection' AND connector_id = $1 FOR UPDATE", [connectorId])
          .catch(() => null)
          .finally(() => (isSettled = true));
        let holder: string | null = null;
        while (!isSettled && holder === null) {
          const { rows } = await watcher.query<{ application_name: string }>("SELECT application_name FROM pg_stat_activity WHERE pid = ANY(pg_blocking_pids($1))", [waiterPid]);
          holder = rows[0]?.application_name ?? null;
          if (holder === null) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await locking;
        await waiter.query("ROLLBACK");
        return holder;
      } finally {
        await Promise.allSettled([waiter.end(), watcher.end()]);
      }
    },

    /** Alerts of one policy per user account of a connector. */
    /** Protects every site of the connector the sync has listed; returns their hosts. */
    protectSites: async (connectorId: string): Promise<string[]> =>
      (await query<{ host: string }>("UPDATE atlassian_sites SET is_protected = true, protected_at = now() WHERE connector_id = $1 RETURNING host", [connectorId])).map((r) => r.host),

    /** The connector's session-proxy activities: action, actor and the proxy session they belong to. */
    proxyActivities: async (connectorId: string) =>
      query<{ action: string; actor_id: string; session_id: string | null }>(
        "SELECT action, actor_id, raw->>'sessionId' AS session_id FROM activities WHERE connector_id = $1 AND source = 'session_proxy' ORDER BY seq",
        [connectorId],
      ),

    /** Proxy sessions of one signed-in user (the route probe's anonymous one does not count). */
    proxySessionCount: async (connectorId: string, accountId: string): Promise<number> =>
      Number((await query<{ n: string }>("SELECT count(*) AS n FROM proxy_sessions WHERE connector_id = $1 AND account_id = $2", [connectorId, accountId]))[0]?.n ?? 0),

    /** A request a session policy with an alert matched (issue 22), written as the proxy writes it; returns the policy's alert key. */
    insertSessionMatch: async (connectorId: string): Promise<string> => {
      const policy = await insertSessionPolicy(query, { alert: { severity: "high", maxPerDay: 1000 } });
      await insertSessionActivity(query, { connectorId, policies: [policy] });
      return `session:${policy.id}`;
    },

    sessionAlertCount: async (connectorId: string, policyKey: string): Promise<number> =>
      Number((await query<{ n: string }>("SELECT count(*) AS n FROM alerts WHERE connector_id = $1 AND policy_key = $2", [connectorId, policyKey]))[0]?.n ?? 0),

    alertsPerUser: async (connectorId: string, policyKey: string): Promise<Map<string, number>> => {
      const rows = await query<{ user_account_id: string; n: string }>(
        "SELECT user_account_id, count(*) AS n FROM alerts WHERE connector_id = $1 AND policy_key = $2 GROUP BY user_account_id",
        [connectorId, policyKey],
      );
      return new Map(rows.map((r) => [r.user_account_id, Number(r.n)]));
    },
  };
};

export type TProbe = ReturnType<typeof createProbe>;
