import { describe, expect, it } from "vitest";
import { ZDashboardDto } from "../../../shared/schemas/dashboard";
import { makeConnectorRow } from "../../../testing/connector-row";
import { insertSessionActivity, insertSessionPolicy } from "../../../testing/session-policy-rows";
import { openTestDatabase } from "../../../testing/test-database";
import { getDashboard } from "./get-dashboard";

// The dashboard's Sessions card (issue 22): proxied sessions started in the range, the unmanaged share, downloads
// and exports a session policy blocked.
const db = openTestDatabase();
const NOW = new Date();
const DAY = 86_400_000;

const insertSession = (connectorId: string, managed: boolean, startedDaysAgo: number) =>
  db.query(
    `INSERT INTO proxy_sessions (id, connector_id, site_host, device_managed, started_at, last_activity_at)
     VALUES (gen_random_uuid(), $1, 'acme.atlassian.net', $2, $3, $3)`,
    [connectorId, managed, new Date(NOW.getTime() - startedDaysAgo * DAY)],
  );

describe("dashboard Sessions card", () => {
  it("says the proxy protects nothing until a site is switched on", async () => {
    await makeConnectorRow();
    const dto = ZDashboardDto.parse(JSON.parse(JSON.stringify(await getDashboard({ range: "7d", now: NOW }))));
    expect(dto.sessions).toEqual({ protectedSites: 0, proxiedSessions: 0, unmanagedSessions: 0, unmanagedShare: null, downloadsBlocked: 0 });
  });

  it("counts sessions started in the range, the unmanaged share and blocked downloads and exports", async () => {
    const connector = await makeConnectorRow();
    await db.query(
      "INSERT INTO atlassian_sites (id, connector_id, host, name, is_protected, protected_at) VALUES (gen_random_uuid(), $1, 'acme.atlassian.net', 'acme', true, now())",
      [connector.id],
    );
    // In the 7-day range: 3 unmanaged of 4; outside it: one started 10 days ago (still active today does not count).
    for (const [managed, daysAgo] of [[false, 0], [false, 1], [false, 6], [true, 2]] as const) await insertSession(connector.id, managed, daysAgo);
    await insertSession(connector.id, false, 10);
    await db.query("UPDATE proxy_sessions SET last_activity_at = now() WHERE started_at < now() - interval '9 days'");

    const block = await insertSessionPolicy(db);
    const audit = await insertSessionPolicy(db, { action: "audit", alert: null });
    const base = { connectorId: connector.id, policies: [block] };
    await insertSessionActivity(db, { ...base, eventTime: new Date(NOW.getTime() - DAY) });
    await insertSessionActivity(db, { ...base, action: "proxy_export_space", eventTime: new Date(NOW.getTime() - 2 * DAY) });
    // Not counted: a blocked page view, an audited download, a blocked download before the range.
    await insertSessionActivity(db, { ...base, action: "proxy_view_page" });
    await insertSessionActivity(db, { connectorId: connector.id, policies: [audit], outcome: "audited" });
    await insertSessionActivity(db, { ...base, eventTime: new Date(NOW.getTime() - 8 * DAY) });

    const week = await getDashboard({ range: "7d", now: NOW });
    expect(week.sessions).toEqual({ protectedSites: 1, proxiedSessions: 4, unmanagedSessions: 3, unmanagedShare: 75, downloadsBlocked: 2 });
    const month = await getDashboard({ range: "30d", now: NOW });
    expect(month.sessions).toMatchObject({ proxiedSessions: 5, unmanagedSessions: 4, unmanagedShare: 80, downloadsBlocked: 3 });
  });

  it("can read blocked requests through the partial index of matched requests", async () => {
    // Whether the index serves the outcome predicate at all (seq scans off). Which index the planner prefers for the
    // whole dashboard query depends on the table's statistics: on these few rows the action index costs the same, and
    // CI once chose it; on a real table the partial index holds only the small share a policy matched.
    await db.query("SET enable_seqscan = off");
    try {
      const plan = (await db.query<{ "QUERY PLAN": string }>("EXPLAIN SELECT count(*) FROM activities WHERE session_outcome = 'blocked'")).rows.map((r) => r["QUERY PLAN"]);
      // activities is partitioned by month: each partition's copy of activities_session_outcome_idx is named after the
      // partition and its columns (activities_p202612_session_outcome_event_time_seq_idx, ...).
      expect(plan.join("\n")).not.toMatch(/Seq Scan/);
      expect(plan.join("\n")).toMatch(/Index (Only )?Scan (using|on) activities_\w+_session_outcome_event_time_seq_idx/);
    } finally {
      await db.query("RESET enable_seqscan");
    }
  });
});
