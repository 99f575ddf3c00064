import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createAlertFixtures } from "../../../testing/alert-fixtures";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { ensureActivityPartition, listActivityPartitions } from "../../repositories/activity-partition-repository";
import { appendAuditEvent, listAuditEvents } from "../../repositories/audit-repository";
import { expireActivityPartition } from "../../repositories/activity-retention-repository";
import { createLegalHold, releaseLegalHoldForActor } from "./legal-holds";
import { planRetention } from "./plan-retention";
import { getRetention } from "./retention-dto";
import { runRetention } from "./run-retention";
import { saveRetentionSettings } from "./save-retention-settings";

const fx = await createAlertFixtures();
afterAll(() => fx.close());
beforeEach(resetDatabase);

const DAY_MS = 86_400_000;
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

let actor: { userId: string; email: string; ip: string | null };
beforeEach(async () => {
  const { user } = await makeUser("admin");
  actor = { userId: user.id, email: user.email, ip: "127.0.0.1" };
});

/** A closed alert whose activities and resolution are `days` old. */
const closedAlert = async (connectorId: string, account: string, days: number, status: "resolved" | "dismissed" = "resolved") => {
  const id = await fx.alert({ connectorId, userAccountId: account, status, createdAt: daysAgo(days), lastActivityAt: daysAgo(days) });
  await fx.query("UPDATE alerts SET resolved_at = $2, updated_at = $2 WHERE id = $1", [id, daysAgo(days)]);
  return id;
};

const alertIds = async () => (await fx.query<{ id: string }>("SELECT id FROM alerts ORDER BY id")).map((r) => r.id).sort();

describe("retention run", () => {
  it("deletes closed alerts past 365 days with their history, keeps open ones of any age and recent closed ones", async () => {
    const acme = await fx.connector("Acme");
    const old = await closedAlert(acme, "acc-old", 400);
    const oldDismissed = await closedAlert(acme, "acc-old", 500, "dismissed");
    const recent = await closedAlert(acme, "acc-new", 30);
    const openOld = await fx.alert({ connectorId: acme, userAccountId: "acc-open", status: "open", createdAt: daysAgo(900), lastActivityAt: daysAgo(900) });
    await fx.query("INSERT INTO alert_comments (id, alert_id, author_email, author_name, body) VALUES (gen_random_uuid(), $1, 'a@x.test', 'A', 'note')", [old]);

    const plan = await planRetention(now);
    expect(plan.counts).toMatchObject({ alerts: 2, alertsKept: 0 });

    const result = await runRetention({ now, actor });
    expect(result).toMatchObject({ ran: true, counts: { alerts: 2 } });
    expect(await alertIds()).toEqual([recent, openOld].sort());
    expect(await fx.query("SELECT 1 FROM alert_comments")).toHaveLength(0);
    expect(await alertIds()).not.toContain(oldDismissed);
  });

  it("keeps what a legal hold covers until it is released: a whole connector or one account", async () => {
    const acme = await fx.connector("Acme");
    const globex = await fx.connector("Globex");
    await fx.atlassianUser(acme, "acc-held");
    const heldUser = await closedAlert(acme, "acc-held", 400);
    const notHeld = await closedAlert(acme, "acc-free", 400);
    const heldConnector = await closedAlert(globex, "acc-any", 400);

    const userHold = await createLegalHold({ actor, input: { connectorId: acme, user: "ACC-HELD@acme.test", reason: "Litigation 2026-17" } });
    expect(userHold).toMatchObject({ userAccountId: "acc-held", userLabel: "acc-held@acme.test", connectorName: "Acme", releasedAt: null });
    const connectorHold = await createLegalHold({ actor, input: { connectorId: globex, reason: "Regulator request" } });

    expect((await planRetention(now)).counts).toMatchObject({ alerts: 1, alertsKept: 2 });
    await runRetention({ now });
    expect(await alertIds()).toEqual([heldUser, heldConnector].sort());
    expect(await alertIds()).not.toContain(notHeld);

    await releaseLegalHoldForActor({ actor, id: userHold.id });
    await expect(releaseLegalHoldForActor({ actor, id: userHold.id })).rejects.toMatchObject({ code: "not_found" });
    await runRetention({ now });
    expect(await alertIds()).toEqual([heldConnector]);
    expect((await getRetention()).holds.map((h) => [h.id, h.releasedAt !== null])).toEqual([
      [connectorHold.id, false],
      [userHold.id, true],
    ]);
    const actions = (await listAuditEvents({ limit: 20 })).rows.map((r) => r.action);
    expect(actions.filter((a) => a === "legal_hold.created")).toHaveLength(2);
    expect(actions).toContain("legal_hold.released");
  });

  it("refuses a hold on an account the directory does not know, and on an unknown connector", async () => {
    const acme = await fx.connector("Acme");
    await expect(createLegalHold({ actor, input: { connectorId: acme, user: "nobody@acme.test", reason: "Case 12" } })).rejects.toMatchObject({
      code: "validation_failed",
      message: `No user "nobody@acme.test" in Acme's directory`,
    });
    await expect(createLegalHold({ actor, input: { connectorId: "00000000-0000-4000-8000-000000000000", reason: "Case 12" } })).rejects.toMatchObject({
      code: "validation_failed",
      message: "Unknown connector",
    });
  });

  it("prunes finished governance actions, finished deliveries and portal audit events past their periods, and records the run", async () => {
    const acme = await fx.connector("Acme");
    const insertGovernance = (status: string, days: number) =>
      fx.query(
        `INSERT INTO governance_actions (id, action, connector_id, account_id, reason, triggered_by_kind, status, created_at, updated_at, completed_at)
         VALUES (gen_random_uuid(), 'suspend_user', $1, 'acc-x', 'r', 'user', $2::"WorkStatus", $3, $3, $3)`,
        [acme, status, daysAgo(days)],
      );
    await insertGovernance("succeeded", 400);
    await insertGovernance("pending", 400);
    await insertGovernance("succeeded", 10);
    const [channel] = await fx.query<{ id: string }>(
      `INSERT INTO notification_channels (id, name, kind, updated_at) VALUES (gen_random_uuid(), 'Ops', 'webhook', now()) RETURNING id`,
    );
    const insertDelivery = (status: string, days: number) =>
      fx.query(`INSERT INTO notification_deliveries (id, channel_id, kind, status, message, created_at) VALUES (gen_random_uuid(), $1, 'alert', $2::"WorkStatus", '{}', $3)`, [
        channel!.id,
        status,
        daysAgo(days),
      ]);
    await insertDelivery("succeeded", 100);
    await insertDelivery("failed", 100);
    await insertDelivery("pending", 100);
    await insertDelivery("succeeded", 5);
    await appendAuditEvent({ action: "auth.sign_in", actorEmail: "old@example.test", at: daysAgo(401) });
    await appendAuditEvent({ action: "auth.sign_in", actorEmail: "kept@example.test", at: daysAgo(399) });

    expect((await planRetention(now)).counts).toMatchObject({ governance: 1, deliveries: 2, audit: 1 });
    const { counts } = await runRetention({ now, actor });
    expect(counts).toMatchObject({ governance: 1, deliveries: 2, audit: 1 });
    expect(await fx.query("SELECT status FROM governance_actions")).toHaveLength(2);
    expect(await fx.query("SELECT status FROM notification_deliveries")).toHaveLength(2);

    const run = (await listAuditEvents({ limit: 5, action: "retention.run" })).rows[0];
    expect(run).toMatchObject({ actorEmail: actor.email, targetName: "Run now", details: expect.objectContaining({ governance: 1, deliveries: 2, audit: 1 }) });
    expect((await getRetention()).lastRuns[0]).toMatchObject({ actor: actor.email, details: expect.objectContaining({ audit: 1 }) });
  });

  it("takes the periods admins save, and a shorter period removes more on the next run", async () => {
    const acme = await fx.connector("Acme");
    await closedAlert(acme, "acc-a", 100);
    expect((await planRetention(now)).counts.alerts).toBe(0);
    const saved = await saveRetentionSettings({ actor, input: { activitiesDays: 180, alertsDays: 60, governanceDays: 365, deliveriesDays: 90, auditDays: 400 } });
    expect(saved.periods.find((p) => p.kind === "alerts")).toMatchObject({ days: 60, source: "settings" });
    expect((await planRetention(now)).counts.alerts).toBe(1);
    const changed = (await listAuditEvents({ limit: 5, action: "retention.settings_changed" })).rows[0];
    expect(changed?.details).toEqual({ alertsDays: "365 → 60" });
  });

  it("drops activity partitions past retention whole, keeping the rows an alert links or a legal hold covers", async () => {
    const acme = await fx.connector("Acme");
    await fx.atlassianUser(acme, "acc-held");
    const month = (monthsAgo: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 10));
    const [keptMonth, emptiedMonth, recentMonth] = [month(9), month(8), month(1)];
    for (const m of [keptMonth, emptiedMonth, recentMonth]) await ensureActivityPartition(m);
    const linked = await fx.activity(acme, "acc-a", "203.0.113.5", keptMonth);
    const held = await fx.activity(acme, "acc-held", "203.0.113.6", keptMonth);
    await fx.activity(acme, "acc-a", "203.0.113.7", keptMonth);
    await fx.activity(acme, "acc-a", "203.0.113.8", emptiedMonth);
    await fx.activity(acme, "acc-a", "203.0.113.9", emptiedMonth);
    const recent = await fx.activity(acme, "acc-a", "203.0.113.10", recentMonth);
    // The held row is linked too: kept once, not counted twice by the dry run.
    const alert = await fx.alert({ connectorId: acme, userAccountId: "acc-a", status: "open", activitySeqs: [linked, held] });
    await createLegalHold({ actor, input: { connectorId: acme, user: "acc-held", reason: "Case 7" } });
    const name = (d: Date) => `activities_p${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, "0")}`;

    const plan = await planRetention(now);
    expect(plan.counts).toMatchObject({ activities: 3, activitiesKept: 2 });
    expect(plan.counts.partitions).toEqual(expect.arrayContaining([name(keptMonth), name(emptiedMonth)]));
    expect(plan.counts.partitions).not.toContain(name(recentMonth));

    // A month detached by an earlier run that stopped before removing its files is removed by the next run.
    await ensureActivityPartition(month(11));
    await fx.activity(acme, "acc-a", "203.0.113.12", month(11));
    await expireActivityPartition({ name: name(month(11)), from: month(11), to: month(10) });
    expect(await fx.query("SELECT relname FROM pg_class WHERE relname LIKE 'activities_p%_expired'")).toEqual([{ relname: `${name(month(11))}_expired` }]);

    const { counts } = await runRetention({ now });
    expect(counts).toMatchObject({ activities: 3, activitiesKept: 2 });
    expect(await fx.query("SELECT relname FROM pg_class WHERE relname LIKE 'activities_p%_expired'")).toEqual([]);
    const left = (await fx.query<{ seq: string }>("SELECT seq::text FROM activities ORDER BY seq")).map((r) => BigInt(r.seq));
    expect(left).toEqual([linked, held, recent]);
    const partitions = (await listActivityPartitions()).map((p) => p.name);
    expect(partitions).toContain(name(keptMonth));
    expect(partitions).not.toContain(name(emptiedMonth));
    expect(await fx.query("SELECT 1 FROM alert_activities WHERE alert_id = $1", [alert])).toHaveLength(2);
    // The kept rows' partition takes new rows of its month as before.
    await fx.activity(acme, "acc-b", "203.0.113.11", keptMonth);
    expect((await planRetention(now)).counts).toMatchObject({ activities: 1, activitiesKept: 2 });
  });

  it("lets one run at a time hold the lock: a concurrent run reports ran=false", async () => {
    const results = await Promise.all([runRetention({ now }), runRetention({ now }), runRetention({ now })]);
    expect(results.filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
    expect((await listAuditEvents({ limit: 10, action: "retention.run" })).rows.length).toBe(results.filter((r) => r.ran).length);
  });
});
