// npx tsx scripts/bench/alert-triage.ts [--alerts 100000 --incidents 30000 --activities 300000 --iterations 20 --keep-dir .data/bench-triage]
// Triage API speed at scale: seeds activities (scripts/bench/lib/seed-activities.ts) and N alerts linked to
// them (all policies, statuses and severities, a third assigned) into a throwaway embedded PostgreSQL, then
// times the services behind the alert endpoints: the list's first page per sort (with its counts), deep
// keyset pages, filters, the detail, PATCH, a 500-alert bulk change and an egress re-evaluation; then groups the
// alerts into --incidents incidents (issue 25) and times the incident list's first page per sort and filter.
// Prints JSON; targets: list p95 ≤ 300 ms (alerts and incidents), detail and PATCH p95 ≤ 100 ms, bulk 500 ≤ 2 s,
// egress ≤ 5 s.
import { parseArgs } from "node:util";
import pg from "pg";
import { percentile, startBenchDatabase } from "./bench-setup";
import { seedActivities } from "./lib/seed-activities";
import { seedAlerts } from "./lib/seed-alerts";
import { seedIncidents } from "./lib/seed-incidents";

const { values } = parseArgs({
  options: {
    alerts: { type: "string", default: "100000" },
    incidents: { type: "string", default: "30000" },
    activities: { type: "string", default: "300000" },
    iterations: { type: "string", default: "20" },
    /** Keep the seeded database here and reuse it next time (seed once, measure when the machine is quiet). */
    "keep-dir": { type: "string" },
  },
});
const TARGETS = { listP95Ms: 300, detailP95Ms: 100, patchP95Ms: 100, bulk500Ms: 2000, egressMs: 5000 };
const log = (line: string) => process.stderr.write(`bench:alert-triage: ${line}\n`);
const round = (value: number) => Math.round(value * 10) / 10;

const time = async (iterations: number, run: (i: number) => Promise<unknown>) => {
  for (let i = 0; i < 2; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)) };
};

const database = await startBenchDatabase("alert-triage", { keepDir: values["keep-dir"] });
try {
  log(`seeding ${values.activities} activities…`);
  await seedActivities({ databaseUrl: database.ownerUrl, activities: Number(values.activities), users: 2000, connectors: 2, days: 30, reuse: database.isKept });
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  // A kept database starts again from its seeded alerts: the previous run's changes are rolled back.
  await client.query("TRUNCATE alerts, incidents, users, ip_ranges, audit_events CASCADE");
  const { makeUser } = await import("../../lib/testing/factories");
  const analysts = await Promise.all(Array.from({ length: 5 }, () => makeUser("analyst")));
  const me = analysts[0]!.principal;
  log(`seeding ${values.alerts} alerts…`);
  const seedSeconds = round(await seedAlerts(client, { count: Number(values.alerts), assigneeIds: analysts.map((a) => a.user.id) }));
  log(`grouping them into ${values.incidents} incidents…`);
  const seedIncidentsSeconds = round(await seedIncidents(client, { count: Number(values.incidents) }));
  const incidentCount = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM incidents")).rows[0]?.n ?? 0);
  await client.query("ANALYZE");

  const { listAlerts } = await import("../../lib/server/services/detection/list-alerts");
  const { getAlertOrThrow } = await import("../../lib/server/services/detection/get-alert");
  const { updateAlertForActor } = await import("../../lib/server/services/alerts/update-alert");
  const { bulkUpdateAlerts } = await import("../../lib/server/services/alerts/bulk-update-alerts");
  const { markAlertEgress } = await import("../../lib/server/services/alerts/mark-egress");
  const { ALERT_SORTS, ZAlertListQuery } = await import("../../lib/shared/schemas/alerts");
  const { disconnectDb } = await import("../../lib/server/db");
  const iterations = Number(values.iterations);
  const list = (query: Record<string, string>) => listAlerts(ZAlertListQuery.parse(query), { actorId: me.userId });

  const listFigures: Record<string, { p50Ms: number; p95Ms: number }> = {};
  for (const sort of ALERT_SORTS) {
    listFigures[`${sort}: first page`] = await time(iterations, () => list({ sort }));
    // Page 20 (1,000 alerts deep) through the keyset cursor.
    let cursor = "";
    for (let page = 0; page < 19; page++) cursor = (await list({ sort, ...(cursor ? { cursor } : {}) })).nextCursor ?? "";
    listFigures[`${sort}: page 20`] = await time(iterations, () => list({ sort, cursor }));
    log(`${sort}: ${JSON.stringify(listFigures[`${sort}: first page`])}`);
  }
  listFigures["status=open, severity=high"] = await time(iterations, () => list({ status: "open", severity: "high" }));
  listFigures["assignee=me, sort=last_activity"] = await time(iterations, () => list({ assignee: "me", sort: "last_activity" }));
  listFigures["policyKey=impossible_travel, status=open,in_progress"] = await time(iterations, () => list({ policyKey: "impossible_travel", status: "open,in_progress" }));

  const { listIncidents } = await import("../../lib/server/services/incidents/list-incidents");
  const { getIncidentOrThrow } = await import("../../lib/server/services/incidents/get-incident");
  const { INCIDENT_SORTS, ZIncidentListQuery } = await import("../../lib/shared/schemas/incidents");
  const incidents = (query: Record<string, string>) => listIncidents(ZIncidentListQuery.parse(query), { actorId: me.userId });
  const incidentFigures: Record<string, { p50Ms: number; p95Ms: number }> = {};
  const someUser = (await client.query<{ user_account_id: string }>("SELECT user_account_id FROM incidents ORDER BY id LIMIT 1")).rows[0]?.user_account_id ?? "";
  for (const sort of INCIDENT_SORTS) {
    incidentFigures[`${sort}: first page`] = await time(iterations, () => incidents({ sort }));
    incidentFigures[`${sort}, status=open: first page`] = await time(iterations, () => incidents({ sort, status: "open" }));
    let cursor = "";
    for (let page = 0; page < 19; page++) cursor = (await incidents({ sort, status: "open", ...(cursor ? { cursor } : {}) })).nextCursor ?? "";
    incidentFigures[`${sort}, status=open: page 20`] = await time(iterations, () => incidents({ sort, status: "open", cursor }));
    log(`incidents ${sort}: ${JSON.stringify(incidentFigures[`${sort}, status=open: first page`])}`);
  }
  incidentFigures["status=open, severity=high"] = await time(iterations, () => incidents({ status: "open", severity: "high" }));
  incidentFigures["status=open,in_progress, assignee=me"] = await time(iterations, () => incidents({ status: "open,in_progress", assignee: "me" }));
  incidentFigures["status=open, policyKey=impossible_travel"] = await time(iterations, () => incidents({ status: "open", policyKey: "impossible_travel" }));
  incidentFigures["user=<account>"] = await time(iterations, () => incidents({ user: someUser }));
  const incidentIds = (await client.query<{ id: string }>("SELECT id::text FROM incidents ORDER BY id LIMIT 100")).rows.map((r) => r.id);
  const incidentDetail = await time(iterations, (i) => getIncidentOrThrow(incidentIds[i % incidentIds.length]!));

  const ids = (await client.query<{ id: string }>("SELECT id::text FROM alerts WHERE status IN ('open', 'in_progress') ORDER BY id LIMIT 1000")).rows.map((r) => r.id);
  const detail = await time(iterations, (i) => getAlertOrThrow(ids[i % ids.length]!));
  const patch = await time(iterations, (i) => updateAlertForActor({ actor: me, id: ids[0]!, input: { status: i % 2 ? "open" : "in_progress" } }));
  const bulkStarted = performance.now();
  const bulk = await bulkUpdateAlerts({ actor: me, input: { ids: ids.slice(0, 500), assigneeId: analysts[1]!.user.id } });
  const bulkMs = round(performance.now() - bulkStarted);

  const [source] = (
    await client.query<{ id: string }>(
      `SELECT a.id::text FROM alerts a JOIN alert_activities l ON l.alert_id = a.id JOIN activities act ON act.seq = l.activity_seq
       WHERE a.policy_key = 'impossible_travel' AND act.ip <<= '11.0.0.0/8' LIMIT 1`,
    )
  ).rows;
  // An admin: analysts may mark at most a /24 (egress-cidrs.ts), and the benchmark's range is a /8.
  const { principal: boss } = await makeUser("admin");
  const egressStarted = performance.now();
  const egress = await markAlertEgress({
    actor: { ...boss, ip: null },
    alertId: source!.id,
    input: { name: "Bench egress", category: "vpn", cidrs: ["11.0.0.0/8"], expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  const egressMs = round(performance.now() - egressStarted);
  await client.end();
  await disconnectDb();

  const listP95 = Math.max(...Object.values(listFigures).map((f) => f.p95Ms), ...Object.values(incidentFigures).map((f) => f.p95Ms));
  const meetsTargets = listP95 <= TARGETS.listP95Ms && detail.p95Ms <= TARGETS.detailP95Ms && patch.p95Ms <= TARGETS.patchP95Ms && bulkMs <= TARGETS.bulk500Ms && egressMs <= TARGETS.egressMs;
  console.log(
    JSON.stringify(
      {
        benchmark: "alert-triage",
        alerts: Number(values.alerts),
        activities: Number(values.activities),
        seedAlertsSeconds: seedSeconds,
        list: listFigures,
        incidents: { count: incidentCount, seedSeconds: seedIncidentsSeconds, list: incidentFigures, detail: incidentDetail },
        detail,
        patch,
        bulk500: { ms: bulkMs, updated: bulk.updated, failed: bulk.failed.length },
        egress: { ms: egressMs, dismissed: egress.reevaluated.dismissed },
        targets: TARGETS,
        meetsTargets,
      },
      null,
      2,
    ),
  );
  process.exitCode = meetsTargets ? 0 : 1;
} catch (error) {
  // Said before the database stops (its clients' errors would hide this one).
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
