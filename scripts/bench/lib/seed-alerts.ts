// Bulk alerts for benchmarks (bench:alert-triage, bench:load): N alerts on random stored activities with an IP,
// spread over the seven built-in policies, all severities and statuses (40% open, 10% in progress, 30%
// resolved, 20% dismissed), a third assigned to the given portal users; each linked to its activity. They are
// already fanned out (notified) and vacuumed, as the alerts of a running installation are: otherwise the
// worker's fan-out would rewrite all of them during the benchmark.
import type pg from "pg";

const SEED_ALERTS_SQL = `
  WITH picked AS (
    SELECT seq, connector_id, actor_id, event_time, row_number() OVER () AS n FROM activities
    WHERE ip IS NOT NULL ORDER BY hashint8extended(seq, 7) LIMIT $1
  ), inserted AS (
    INSERT INTO alerts (id, policy_key, policy_name, severity, status, connector_id, user_account_id, title, explanation, episode_key,
      activity_count, first_activity_at, last_activity_at, created_at, updated_at, fanned_out_at, assignee_id)
    SELECT gen_random_uuid(), (ARRAY['impossible_travel','infrequent_country','anonymous_ip','suspicious_ip','failed_logins','unusual_admin','unusual_impersonation'])[1 + (n % 7)],
      'Bench policy', (ARRAY['low','medium','high'])[1 + (n % 3)]::"Severity",
      (ARRAY['open','open','open','open','in_progress','resolved','resolved','resolved','dismissed','dismissed'])[1 + (abs(hashint8extended(n, 3)) % 10)]::"AlertStatus",
      connector_id, actor_id, 'Bench alert ' || n, 'x', 'bench:' || n, 1, event_time, event_time, event_time + interval '2 seconds', now(), event_time + interval '3 seconds',
      CASE WHEN n % 3 = 0 THEN ($2::uuid[])[1 + (n / 3) % cardinality($2::uuid[])] END
    FROM picked RETURNING id, episode_key
  )
  INSERT INTO alert_activities (alert_id, activity_seq)
  SELECT i.id, p.seq FROM inserted i JOIN picked p ON i.episode_key = 'bench:' || p.n`;

/** Inserts `count` alerts (see the file header) and vacuums the tables; returns the seconds it took. */
export const seedAlerts = async (client: pg.Client, options: Readonly<{ count: number; assigneeIds: readonly string[] }>): Promise<number> => {
  const started = performance.now();
  await client.query(SEED_ALERTS_SQL, [options.count, options.assigneeIds]);
  // VACUUM (not only ANALYZE): counts per status read the alerts index only once the visibility map is set.
  await client.query("VACUUM ANALYZE alerts");
  await client.query("VACUUM ANALYZE alert_activities");
  return (performance.now() - started) / 1000;
};
