// Incidents for benchmarks (bench:alert-triage): the seeded alerts of each account, in first-activity order, cut
// into runs of consecutive alerts so that `count` incidents hold them all (100k alerts in 30k incidents: about 3.3
// each), with the figures grouping would give them (severity with its bump, counts, first/last activity, the
// status of their most open alert, an assignee of theirs). Straight SQL: grouping them one detection batch at a
// time would take as long as the rest of the benchmark.
import type pg from "pg";

const SEED_INCIDENTS_SQL = `
  WITH ratio AS (SELECT $1::float8 / greatest(count(*), 1) AS r FROM alerts WHERE user_account_id IS NOT NULL),
  numbered AS (
    SELECT a.id, md5(a.connector_id::text || ':' || a.user_account_id || ':' ||
             floor((row_number() OVER (PARTITION BY a.connector_id, a.user_account_id ORDER BY a.first_activity_at, a.id) - 1) * ratio.r))::uuid AS incident_id
    FROM alerts a, ratio WHERE a.user_account_id IS NOT NULL
  ), linked AS (
    UPDATE alerts a SET incident_id = n.incident_id FROM numbered n WHERE a.id = n.id RETURNING a.*
  )
  INSERT INTO incidents (id, connector_id, user_account_id, severity, status, alert_count, policy_count, first_activity_at, last_activity_at,
    joinable_until, assignee_id, created_at, updated_at)
  SELECT incident_id, connector_id, user_account_id,
    CASE WHEN count(DISTINCT policy_key) >= 3 THEN (CASE max(severity) WHEN 'low' THEN 'medium' ELSE 'high' END)::"Severity" ELSE max(severity) END,
    min(status), count(*), count(DISTINCT policy_key), min(first_activity_at), max(last_activity_at), max(last_activity_at) + interval '24 hours',
    (array_agg(assignee_id) FILTER (WHERE assignee_id IS NOT NULL))[1], min(created_at), now()
  FROM linked GROUP BY incident_id, connector_id, user_account_id`;

/** Groups the seeded alerts into about `count` incidents (see the file header); returns the seconds it took. */
export const seedIncidents = async (client: pg.Client, options: Readonly<{ count: number }>): Promise<number> => {
  const started = performance.now();
  // One statement: the alerts' foreign key is checked at its end, after the incidents are in.
  await client.query(SEED_INCIDENTS_SQL, [options.count]);
  await client.query("VACUUM ANALYZE incidents");
  await client.query("VACUUM ANALYZE alerts");
  return (performance.now() - started) / 1000;
};
