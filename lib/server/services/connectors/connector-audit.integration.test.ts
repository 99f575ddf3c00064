import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { openTestDatabase } from "../../../testing/test-database";
import { createSimOrg, loginEvents, postEvents } from "../../../testing/sim-org";
import { listAuditEvents } from "../audit/list-audit-events";
import { runSyncPass } from "../sync/run-sync-pass";
import { createConnector } from "./create-connector";
import { deleteConnector, requestSync, setConnectorEnabled } from "./manage-connector";
import { rotateApiKey } from "./rotate-api-key";

let sim: TRunningSimulator;
const db = openTestDatabase();
const logger = pino({ level: "silent" });

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());

const admin = async () => ({ ...(await makeUser("admin")).principal, ip: "203.0.113.7" });
const auditRows = async () => (await listAuditEvents({ limit: 50 })).data.filter((e) => e.action.startsWith("connector.")).reverse();

describe("connector changes in the portal audit log", () => {
  it("audits create, rotate key, disable, enable, sync now and delete with actor and IP; delete says what went", async () => {
    const actor = await admin();
    const org = await createSimOrg(sim.baseUrl);
    const members = org.users.filter((u) => u.email.endsWith("@acme.test"));
    await postEvents(sim.baseUrl, org.orgId, loginEvents(members, 30));
    const connector = await createConnector({ actor, input: { name: "Audited", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
    await runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger });

    // Two alerts, one of them with a governance action, and one more governance entry without an alert.
    const alertIds = [randomUUID(), randomUUID()];
    for (const id of alertIds) {
      await db.query(
        `INSERT INTO alerts (id, policy_key, policy_name, severity, connector_id, user_account_id, title, explanation, episode_key, activity_count, first_activity_at, last_activity_at, updated_at)
         VALUES ($1::uuid, 'impossible_travel', 'Impossible travel', 'high', $2, 'acc-1', 't', 'e', $1::text, 1, now(), now(), now())`,
        [id, connector.id],
      );
    }
    for (const alertId of [alertIds[0], null, null]) {
      await db.query(
        `INSERT INTO governance_actions (id, action, connector_id, account_id, alert_id, reason, triggered_by_kind, updated_at)
         VALUES (gen_random_uuid(), 'notify_user', $1, 'acc-1', $2, 'test', 'person', now())`,
        [connector.id, alertId],
      );
    }

    await rotateApiKey({ actor, id: connector.id, apiKey: org.apiKey });
    await setConnectorEnabled({ actor, id: connector.id, enabled: false });
    await setConnectorEnabled({ actor, id: connector.id, enabled: true });
    await requestSync({ actor, id: connector.id });
    const deleted = await deleteConnector({ actor, id: connector.id });
    expect(deleted).toEqual({ deleted: true, activitiesDeleted: 30, alertsDeleted: 2, governanceActionsDeleted: 3 });

    const rows = await auditRows();
    expect(rows.map((r) => r.action)).toEqual([
      "connector.created",
      "connector.api_key_rotated",
      "connector.disabled",
      "connector.enabled",
      "connector.sync_requested",
      "connector.deleted",
    ]);
    for (const row of rows) expect(row).toMatchObject({ actorEmail: actor.email, ip: "203.0.113.7", targetType: "connector", targetName: "Audited" });
    expect(rows.at(-1)?.details).toMatchObject({ orgId: org.orgId, activitiesDeleted: 30, alertsDeleted: 2, governanceActionsDeleted: 3 });
    expect(JSON.stringify(rows)).not.toContain(org.apiKey);
    const { rows: left } = await db.query(`SELECT (SELECT count(*) FROM activities)::int AS a, (SELECT count(*) FROM alerts)::int AS b, (SELECT count(*) FROM governance_actions)::int AS c`);
    expect(left[0]).toEqual({ a: 0, b: 0, c: 0 });
  });
});

describe("connector base URL targets", () => {
  it("refuses https to private, metadata and IPv4-mapped loopback addresses with a 400 on the base URL, storing nothing", async () => {
    const actor = await admin();
    const org = await createSimOrg(sim.baseUrl);
    const port = new URL(sim.baseUrl).port;
    const base = { name: "X", orgId: org.orgId, apiKey: org.apiKey, backfillDays: 0 };
    for (const [baseUrl, reason] of [
      ["https://10.1.2.3", /10\.1\.2\.3 is a private address/],
      ["https://192.168.1.10", /a private address/],
      ["https://169.254.169.254", /a cloud metadata address/],
      [`https://[::ffff:127.0.0.1]:${port}`, /a loopback address/],
      [`https://127.0.0.1:${port}`, /a loopback address/],
      [`https://localhost:${port}`, /localhost resolves to .*a loopback address/],
    ] as const) {
      const error = await createConnector({ actor, input: { ...base, baseUrl } }).then(() => null, (e: unknown) => e as { code: string; message: string; invalidParams: { name: string }[] });
      expect(error, baseUrl).toMatchObject({ code: "bad_request", message: expect.stringMatching(reason), invalidParams: [{ name: "baseUrl" }] });
    }
    expect((await db.query("SELECT count(*)::int AS n FROM connectors")).rows[0]).toEqual({ n: 0 });
    // The simulator over plain http to a loopback IP literal stays allowed.
    await expect(createConnector({ actor, input: { ...base, baseUrl: sim.baseUrl } })).resolves.toMatchObject({ baseUrl: sim.baseUrl });
  });
});
