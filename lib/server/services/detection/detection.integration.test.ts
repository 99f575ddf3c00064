import { randomUUID } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type TRunningSimulator } from "../../../simulator/start-simulator";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { querySql } from "../../../testing/test-database";
import { createSimOrg, postEvents } from "../../../testing/sim-org";
import { createConnector } from "../connectors/create-connector";
import { runSyncPass } from "../sync/run-sync-pass";
import { getAlertOrThrow } from "./get-alert";
import { loadDirectoryLookup } from "./load-directory";
import { listAlerts } from "./list-alerts";
import { ensureBuiltinPolicies } from "./ensure-builtin-policies";
import { previewPolicy } from "./preview-policy";
import { runDetectionPass } from "./run-detection-pass";

let sim: TRunningSimulator;
const logger = pino({ level: "silent" });
const DAY = 86_400_000;
const LONDON = { ip: "81.2.69.142", geo: "51.5072,-0.1276", countryName: "United Kingdom", city: "London" };
const SYDNEY = { ip: "1.120.45.8", geo: "-33.8688,151.2093", countryName: "Australia", city: "Sydney" };

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await resetDatabase();
  await ensureBuiltinPolicies();
});


const setup = async () => {
  const { principal } = await makeUser("admin");
  const org = await createSimOrg(sim.baseUrl);
  const connector = await createConnector({ actor: principal, input: { name: "Acme", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  const user = org.users[1] as { accountId: string; name: string; email: string };
  const event = (timeMs: number, action: string, location: typeof LONDON) => ({
    id: randomUUID(),
    type: "events",
    attributes: { time: new Date(timeMs).toISOString(), action, actor: { id: user.accountId, name: user.name, email: user.email }, location },
    message: { content: action, format: "simple" },
  });
  const sync = () => runSyncPass({ connectorId: connector.id, workerId: "w1", perMinute: 100_000, budgetMs: 20_000, logger });
  return { connector, user, event, sync };
};

describe("detection pipeline (simulator → sync → detection)", () => {
  it("raises one alert per episode, continues it, and never duplicates on reprocessing", async () => {
    const { connector, user, event, sync } = await setup();
    const now = Date.now();
    const history = Array.from({ length: 10 }, (_, d) => event(now - (12 - d) * DAY, "user_login", LONDON));
    const fails = Array.from({ length: 15 }, (_, i) => event(now - DAY + i * 10_000, "user_login_failed", LONDON));
    await postEvents(sim.baseUrl, (await orgOf(connector.id)).orgId, [...history, ...fails]);
    await sync();
    const first = await runDetectionPass({ connectorId: connector.id, batchSize: 7 });
    expect(first).toMatchObject({ processed: 25, alertsCreated: 1 });

    const more = Array.from({ length: 5 }, (_, i) => event(now - DAY + 150_000 + i * 10_000, "user_login_failed", LONDON));
    const travel = [event(now - 1000_000, "user_login", LONDON), event(now - 100_000, "user_login", SYDNEY)];
    await postEvents(sim.baseUrl, (await orgOf(connector.id)).orgId, [...more, ...travel]);
    await sync();
    expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ processed: 7, alertsCreated: 2 });

    const { data } = await listAlerts({ limit: 50 });
    const byPolicy = Object.fromEntries(data.map((a) => [a.policyKey, a]));
    expect(byPolicy.failed_logins).toMatchObject({ activityCount: 20, user: { accountId: user.accountId, email: user.email }, status: "open" });
    expect(byPolicy.failed_logins?.explanation).toMatch(/^20 failed logins in 3 min/);
    expect(byPolicy.impossible_travel?.explanation).toMatch(/^London \d\d:\d\d → Sydney \d\d:\d\d: 16,9\d\d km in 15 min/);
    expect(byPolicy.infrequent_country?.explanation).toMatch(/Sydney, Australia/);

    // Filters and keyset pages.
    expect((await listAlerts({ limit: 50, policyKey: "failed_logins" })).data.map((a) => a.policyKey)).toEqual(["failed_logins"]);
    expect((await listAlerts({ limit: 50, severity: ["high"] })).data).toHaveLength(0);
    expect((await listAlerts({ limit: 50, user: user.email.toUpperCase(), status: ["open"] })).data).toHaveLength(3);
    expect((await listAlerts({ limit: 50, from: new Date(now + DAY).toISOString() })).data).toHaveLength(0);
    const page1 = await listAlerts({ limit: 2 });
    const page2 = await listAlerts({ limit: 2, cursor: page1.nextCursor ?? undefined });
    expect([...page1.data, ...page2.data].map((a) => a.id).sort()).toEqual(data.map((a) => a.id).sort());
    expect(page2.nextCursor).toBeNull();
    await expect(listAlerts({ limit: 2, cursor: "bm90LWEtY3Vyc29y" })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await getAlertOrThrow(byPolicy.failed_logins?.id ?? "")).toMatchObject({ activityIds: expect.arrayContaining([expect.stringMatching(/^\d+$/)]) });
    await expect(getAlertOrThrow(randomUUID())).rejects.toMatchObject({ code: "not_found" });

    // Reprocess everything from scratch: the same episodes, no new alert.
    await querySql("UPDATE activity_consumer_cursors SET last_seq = 0; DELETE FROM detection_profiles");
    expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ processed: 32, alertsCreated: 0 });
    expect((await listAlerts({ limit: 50 })).data).toHaveLength(3);
  });

  it("lets one worker process a connector at a time", async () => {
    const { connector, event, sync } = await setup();
    await postEvents(sim.baseUrl, (await orgOf(connector.id)).orgId, Array.from({ length: 50 }, (_, i) => event(Date.now() - i * 1000, "user_login", LONDON)));
    await sync();
    const [a, b] = await Promise.all([runDetectionPass({ connectorId: connector.id, batchSize: 10 }), runDetectionPass({ connectorId: connector.id, batchSize: 10 })]);
    expect(a.processed + b.processed).toBe(50);
    // Another worker holding the cursor row: this one skips at once instead of waiting or repeating work.
    await postEvents(sim.baseUrl, (await orgOf(connector.id)).orgId, [event(Date.now(), "user_login", LONDON)]);
    await sync();
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("SELECT 1 FROM activity_consumer_cursors WHERE consumer = 'detection' FOR UPDATE");
    expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ isBusy: true, processed: 0 });
    await holder.query("ROLLBACK");
    await holder.end();
    expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ isBusy: false, processed: 1 });
  });

  it("runs custom policies only on activities stored after they were created, and previews them over history", async () => {
    const { connector, event, sync } = await setup();
    const orgId = (await orgOf(connector.id)).orgId;
    await postEvents(sim.baseUrl, orgId, Array.from({ length: 12 }, (_, i) => event(Date.now() - 60_000 + i * 1000, "user_login_failed", LONDON)));
    await sync();
    const filter = { actions: ["user_login_failed"] };
    const trigger = { kind: "repeated" as const, count: 11, windowMinutes: 5, perUser: true, perProduct: false };
    const preview = await previewPolicy({ filter, trigger, days: 7 }, new Date());
    expect(preview).toMatchObject({ alertCount: 1, activitiesScanned: 12, examples: [{ activityCount: 12 }] });

    await querySql(`INSERT INTO detection_policies (id, name, filter, trigger, severity, updated_at) VALUES (gen_random_uuid(), 'Fails', $1, $2, 'high', now())`, [filter, trigger]);
    await runDetectionPass({ connectorId: connector.id });
    expect((await listAlerts({ limit: 50, policyKey: undefined })).data.filter((a) => a.policyKey.startsWith("custom:"))).toHaveLength(0);
    await postEvents(sim.baseUrl, orgId, Array.from({ length: 11 }, (_, i) => event(Date.now() + i * 1000, "user_login_failed", LONDON)));
    await sync();
    await runDetectionPass({ connectorId: connector.id });
    const custom = (await listAlerts({ limit: 50 })).data.filter((a) => a.policyKey.startsWith("custom:"));
    expect(custom).toHaveLength(1);
    expect(custom[0]).toMatchObject({ policyName: "Fails", severity: "high", activityCount: 11 });
  });
  it("knows group memberships from the audit log, so policy scopes can name groups", async () => {
    const { connector, user, event, sync } = await setup();
    const now = Date.now();
    const groupEvent = (timeMs: number, action: string, group: string) => {
      const base = event(timeMs, action, LONDON);
      const context = [
        { id: `g-${group}`, type: "groups", attributes: { name: group } },
        { id: user.accountId, type: "users", attributes: { email: user.email } },
      ];
      return { ...base, attributes: { ...base.attributes, context } };
    };
    await postEvents(sim.baseUrl, (await orgOf(connector.id)).orgId, [
      groupEvent(now - 3 * 3_600_000, "user_added_to_group", "contractors"),
      groupEvent(now - 3 * 3_600_000, "user_added_to_group", "jira-admins"),
      groupEvent(now - 2 * 3_600_000, "user_removed_from_group", "jira-admins"),
    ]);
    await sync();
    const directory = await loadDirectoryLookup([connector.id]);
    const groups = directory.groupsOf(connector.id, user.accountId);
    expect(groups).toEqual(expect.arrayContaining(["contractors", "g-contractors"]));
    expect(groups).not.toContain("jira-admins");
  });
});

const orgOf = async (connectorId: string) => (await querySql<{ orgId: string }>('SELECT org_id AS "orgId" FROM connectors WHERE id = $1', [connectorId]))[0] as { orgId: string };
