import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { ZAlertListQuery } from "../../shared/schemas/alerts";
import { createAlertFixtures } from "../../testing/alert-fixtures";
import { resetDatabase } from "../../testing/reset-database";
import { getDashboard } from "../services/dashboard/get-dashboard";
import { listAlerts } from "../services/detection/list-alerts";
import { listAlerts as selectAlerts } from "./alert-repository";
import { selectAlertFigures } from "./dashboard-repository";

// The alerts' change counter (migration change_counters) and the caches keyed on it: the alert list's counts per
// status and the dashboard's alert figures must stay exact whatever changes alerts, by whatever path.

let fx: Awaited<ReturnType<typeof createAlertFixtures>>;
let other: pg.Client;
beforeAll(async () => {
  fx = await createAlertFixtures();
  other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
});
afterAll(async () => {
  await fx.close();
  await other.end();
});
beforeEach(resetDatabase);

const version = async () => (await fx.query<{ version: string | null }>("SELECT (SELECT version::text FROM change_counters WHERE name = 'alerts') AS version"))[0]?.version ?? null;
const list = (query: Record<string, string> = {}) => listAlerts(ZAlertListQuery.parse(query));

describe("alerts change counter", () => {
  it("changes once per committed transaction that writes alerts, never on a rollback, and after a truncate", async () => {
    const connectorId = await fx.connector();
    const first = await fx.alert({ connectorId });
    const afterInsert = await version();
    expect(afterInsert).not.toBeNull();

    await fx.query("BEGIN");
    for (const status of ["in_progress", "resolved", "dismissed"]) await fx.query("UPDATE alerts SET status = $1::\"AlertStatus\" WHERE id = $2", [status, first]);
    await fx.alert({ connectorId });
    await fx.query("COMMIT");
    const afterTransaction = await version();
    expect(afterTransaction).not.toBe(afterInsert);
    // One sequence value for the whole transaction.
    expect(BigInt(afterTransaction ?? 0) - BigInt(afterInsert ?? 0)).toBe(1n);

    await fx.query("BEGIN");
    await fx.query("DELETE FROM alerts");
    await fx.query("ROLLBACK");
    expect(await version()).toBe(afterTransaction);

    await fx.query("DELETE FROM alerts WHERE id = $1", [first]);
    const afterDelete = await version();
    expect(afterDelete).not.toBe(afterTransaction);
    // TRUNCATE is the owner's (resetDatabase): the app role has no TRUNCATE grant.
    const owner = new pg.Client({ connectionString: inject("ownerDatabaseUrl") });
    await owner.connect();
    await owner.query("TRUNCATE alerts CASCADE").finally(() => owner.end());
    expect(await version()).not.toBe(afterDelete);
  });

  it("lets two transactions write alerts at once: both commit, each with its own version", async () => {
    const connectorId = await fx.connector();
    const [a, b] = [await fx.alert({ connectorId }), await fx.alert({ connectorId })];
    const before = await version();
    await fx.query("BEGIN");
    await other.query("BEGIN");
    await fx.query("UPDATE alerts SET status = 'resolved' WHERE id = $1", [a]);
    await other.query("UPDATE alerts SET status = 'resolved' WHERE id = $1", [b]);
    // The second commit waits for the first one's counter row, then takes the next version.
    const second = other.query("COMMIT");
    await fx.query("COMMIT");
    await second;
    expect(BigInt((await version()) ?? 0) - BigInt(before ?? 0)).toBe(2n);
    expect(await fx.query("SELECT count(*)::int AS n FROM alerts WHERE status = 'resolved'")).toEqual([{ n: 2 }]);
  });
});

describe("caches keyed on the alerts' version", () => {
  it("skips the counts while alerts are unchanged, and the list's counts follow every change", async () => {
    const connectorId = await fx.connector();
    const ids = [await fx.alert({ connectorId }), await fx.alert({ connectorId, severity: "high" }), await fx.alert({ connectorId, status: "resolved" })];
    const read = await selectAlerts({ filters: {}, limit: 10 });
    expect(read.counts).toEqual({ open: 2, in_progress: 0, resolved: 1, dismissed: 0 });
    expect(await selectAlerts({ filters: {}, limit: 10, countsVersion: read.version })).toMatchObject({ counts: null, version: read.version });

    expect((await list()).counts).toEqual({ open: 2, in_progress: 0, resolved: 1, dismissed: 0 });
    expect((await list({ severity: "high" })).counts).toEqual({ open: 1, in_progress: 0, resolved: 0, dismissed: 0 });
    await fx.query("UPDATE alerts SET status = 'dismissed' WHERE id = $1", [ids[1]]);
    expect((await list()).counts).toEqual({ open: 1, in_progress: 0, resolved: 1, dismissed: 1 });
    expect((await list({ severity: "high" })).counts).toEqual({ open: 0, in_progress: 0, resolved: 0, dismissed: 1 });
    await fx.alert({ connectorId, severity: "high" });
    expect((await list({ severity: "high" })).counts).toEqual({ open: 1, in_progress: 0, resolved: 0, dismissed: 1 });
    await fx.query("DELETE FROM alerts WHERE id = $1", [ids[0]]);
    expect((await list()).counts).toEqual({ open: 1, in_progress: 0, resolved: 1, dismissed: 1 });
    // A reset that empties every table (as tests do) leaves no stale counts behind.
    await resetDatabase();
    expect((await list()).counts).toEqual({ open: 0, in_progress: 0, resolved: 0, dismissed: 0 });
  });

  it("recomputes the dashboard's alert figures only when alerts changed, and shows every change", async () => {
    const connectorId = await fx.connector();
    const high = await fx.alert({ connectorId, severity: "high", policyKey: "failed_logins" });
    await fx.alert({ connectorId, severity: "low" });
    const now = new Date();
    expect((await getDashboard({ range: "24h", now })).kpis.openAlerts).toEqual({ low: 1, medium: 0, high: 1, total: 2 });
    const from = new Date(now.getTime() - 86_400_000);
    const read = await selectAlertFigures({ from, limit: 10 });
    expect(read.figures?.alertsByPolicy.map((p) => [p.policyKey, p.count])).toEqual([
      ["failed_logins", 1],
      ["impossible_travel", 1],
    ]);
    expect((await selectAlertFigures({ from, limit: 10, knownVersion: read.figures?.version })).figures).toBeNull();

    await fx.query("UPDATE alerts SET status = 'in_progress' WHERE id = $1", [high]);
    expect((await getDashboard({ range: "24h", now })).kpis.openAlerts).toEqual({ low: 1, medium: 0, high: 1, total: 2 });
    await fx.query("UPDATE alerts SET status = 'resolved' WHERE id = $1", [high]);
    const after = await getDashboard({ range: "24h", now });
    expect(after.kpis.openAlerts).toEqual({ low: 1, medium: 0, high: 0, total: 1 });
    expect(after.alertsByPolicy.find((p) => p.policyKey === "failed_logins")).toMatchObject({ count: 1, open: 0 });
  });
});
