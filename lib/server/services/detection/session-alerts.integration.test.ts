import { describe, expect, it } from "vitest";
import { makeConnectorRow } from "../../../testing/connector-row";
import { makeUser } from "../../../testing/factories";
import { insertSessionActivity, insertSessionPolicy } from "../../../testing/session-policy-rows";
import { openTestDatabase } from "../../../testing/test-database";
import { ZSessionAlertDetails } from "../../../shared/schemas/session-alerts";
import { fanOutPendingAlerts } from "../../repositories/alert-fan-out-repository";
import { endProxySessionForActor } from "../proxy-sessions/end-proxy-session";
import { getAlertOrThrow } from "./get-alert";
import { governPass } from "../governance/governance.fixture";
import { startSmtpServer } from "../notifications/local-receivers.fixture";
import { createChannel } from "../notifications/save-channel";
import { ZCreateChannelInput } from "../../../shared/schemas/notifications";
import { runDetectionPass } from "./run-detection-pass";

// Issue 22: requests a session policy matched (activities the proxy writes) → alerts and user notices, through the
// detection consumer and its cursor.
const db = openTestDatabase();

type TAlert = { id: string; policy_key: string; policy_id: string | null; policy_name: string; severity: string; title: string; user_account_id: string | null; details: unknown; n: number };
const alertsOf = async (connectorId: string) =>
  (
    await db.query<TAlert>(
      `SELECT a.id, a.policy_key, a.policy_id, a.policy_name, a.severity, a.title, a.user_account_id, a.details,
         (SELECT count(*)::int FROM alert_activities l WHERE l.alert_id = a.id) AS n
       FROM alerts a WHERE a.connector_id = $1 ORDER BY a.first_activity_at, a.created_at`,
      [connectorId],
    )
  ).rows;
const noticesOf = async (connectorId: string) =>
  (
    await db.query<{ account_id: string; user_email: string; triggered_by_policy_key: string; reason: string; status: string }>(
      "SELECT account_id, user_email, triggered_by_policy_key, reason, status FROM governance_actions WHERE connector_id = $1 AND action = 'notify_user' ORDER BY created_at",
      [connectorId],
    )
  ).rows;
const cursorOf = async (connectorId: string) =>
  (await db.query<{ last_seq: string }>("SELECT last_seq::text FROM activity_consumer_cursors WHERE consumer = 'detection' AND connector_id = $1", [connectorId])).rows[0]?.last_seq;
const ANN = { accountId: "acc-ann", email: "ann@acme.test", name: "Ann Analyst" };

describe("session-policy alerts through the detection consumer", () => {
  it("raises one alert per matched request of an alerting policy, and notifies the user once per hour", async () => {
    const connector = await makeConnectorRow();
    const block = await insertSessionPolicy(db, { notifyUser: true, alert: { severity: "high", maxPerDay: 20 } });
    const audit = await insertSessionPolicy(db, { action: "audit", name: "Monitor external users", alert: null, notifyUser: false });
    const sessionId = "3f7c1a52-0000-4000-8000-00000000a001";
    await db.query("INSERT INTO proxy_sessions (id, connector_id, site_host, account_id, user_email) VALUES ($1, $2, 'acme.atlassian.net', $3, $4)", [
      sessionId,
      connector.id,
      ANN.accountId,
      ANN.email,
    ]);
    await insertSessionActivity(db, { connectorId: connector.id, policies: [block], sessionId, user: ANN });
    await insertSessionActivity(db, { connectorId: connector.id, policies: [audit], outcome: "audited", user: ANN });
    await insertSessionActivity(db, { connectorId: connector.id, policies: [block], user: null });

    expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ processed: 3, alertsCreated: 2, noticesQueued: 1 });
    const alerts = await alertsOf(connector.id);
    expect(alerts.map((a) => [a.policy_key, a.policy_id, a.policy_name, a.severity, a.user_account_id, a.n])).toEqual([
      [`session:${block.id}`, null, block.name, "high", ANN.accountId, 1],
      [`session:${block.id}`, null, block.name, "high", null, 1],
    ]);
    expect(alerts[0]?.title).toBe("Blocked download to an unmanaged device: threat-model.pdf");
    expect(ZSessionAlertDetails.parse(alerts[0]?.details)).toMatchObject({ session: { id: sessionId }, file: { name: "threat-model.pdf" }, request: { method: "GET", status: 200 } });
    expect(await noticesOf(connector.id)).toEqual([
      { account_id: ANN.accountId, user_email: ANN.email, triggered_by_policy_key: `session:${block.id}`, reason: expect.stringContaining(block.name), status: "pending" },
    ]);
    // The alert page knows the session and whether it ended.
    const id = alerts[0]?.id ?? "";
    expect((await getAlertOrThrow(id)).proxySession).toEqual({ id: sessionId, status: "live", endedAt: null });
    await endProxySessionForActor({ actor: (await makeUser("analyst")).principal, id: sessionId });
    expect((await getAlertOrThrow(id)).proxySession).toMatchObject({ id: sessionId, status: "ended", endedAt: expect.any(String) });
    expect((await getAlertOrThrow(alerts[1]?.id ?? "")).proxySession).toBeNull();
    // The alerts take the outbox like any other: fanned out once.
    expect((await fanOutPendingAlerts()).alerts).toBe(2);

    // Within the hour: a new alert, no second notice.
    await insertSessionActivity(db, { connectorId: connector.id, policies: [block], user: ANN });
    expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ processed: 1, alertsCreated: 1, noticesQueued: 0 });
    expect(await noticesOf(connector.id)).toHaveLength(1);
  });

  it("raises at most maxPerDay alerts per policy and UTC day and counts the rest on the day's last alert", async () => {
    const connector = await makeConnectorRow();
    const block = await insertSessionPolicy(db, { alert: { severity: "medium", maxPerDay: 2 } });
    const at = (minutes: number) => new Date(Date.UTC(2026, 11, 7, 9, minutes));
    for (const minute of [0, 1, 2, 3, 4]) await insertSessionActivity(db, { connectorId: connector.id, policies: [block], eventTime: at(minute) });
    const first = await runDetectionPass({ connectorId: connector.id, batchSize: 3 });
    expect(first).toMatchObject({ processed: 5, alertsCreated: 2, sessionAlertsSuppressed: 3 });
    expect(first.capsReached).toEqual([{ policyKey: `session:${block.id}`, policyName: block.name, day: "2026-12-07", maxPerDay: 2 }]);

    for (const minute of [5, 6]) await insertSessionActivity(db, { connectorId: connector.id, policies: [block], eventTime: at(minute) });
    await insertSessionActivity(db, { connectorId: connector.id, policies: [block], eventTime: new Date(Date.UTC(2026, 11, 8, 0, 5)) });
    const second = await runDetectionPass({ connectorId: connector.id });
    // The cap was hit before: counted, not reported again; the next UTC day starts afresh.
    expect(second).toMatchObject({ processed: 3, alertsCreated: 1, sessionAlertsSuppressed: 2, capsReached: [] });
    const alerts = await alertsOf(connector.id);
    expect(alerts).toHaveLength(3);
    expect(ZSessionAlertDetails.parse(alerts[1]?.details).dailyCap).toEqual({ day: "2026-12-07", maxPerDay: 2, suppressed: 5 });
    expect(ZSessionAlertDetails.parse(alerts[2]?.details).dailyCap).toBeUndefined();
  });

  it("keeps maxPerDay across connectors whose passes run at the same time", async () => {
    const [c1, c2] = await Promise.all([makeConnectorRow(), makeConnectorRow()]);
    const block = await insertSessionPolicy(db, { alert: { severity: "low", maxPerDay: 1 } });
    for (const c of [c1, c2]) for (let i = 0; i < 3; i++) await insertSessionActivity(db, { connectorId: c.id, policies: [block] });
    const results = await Promise.all([runDetectionPass({ connectorId: c1.id }), runDetectionPass({ connectorId: c2.id })]);
    expect(results.map((r) => r.alertsCreated).reduce((a, b) => a + b, 0)).toBe(1);
    expect(results.map((r) => r.sessionAlertsSuppressed).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it("raises nothing for a policy deleted before the request was processed, and moves on", async () => {
    const connector = await makeConnectorRow();
    const block = await insertSessionPolicy(db, { notifyUser: true });
    await insertSessionActivity(db, { connectorId: connector.id, policies: [block], user: ANN });
    await db.query("DELETE FROM session_policies WHERE id = $1", [block.id]);
    expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ processed: 1, alertsCreated: 0, noticesQueued: 0 });
    expect(await alertsOf(connector.id)).toEqual([]);
    expect(await noticesOf(connector.id)).toEqual([]);
  });

  it("loses and repeats nothing when the consumer dies mid-transaction and starts again", async () => {
    const connector = await makeConnectorRow();
    const block = await insertSessionPolicy(db, { notifyUser: true, alert: { severity: "high", maxPerDay: 5 } });
    const eventTime = new Date();
    await insertSessionActivity(db, { connectorId: connector.id, policies: [block], user: ANN, eventTime });
    // Hold the policy's daily-cap lock: the pass stops inside its transaction, after reading, before writing.
    const capLock = `session-alert-cap:session:${block.id}:${eventTime.toISOString().slice(0, 10)}`;
    await db.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [capLock]);
    const pass = runDetectionPass({ connectorId: connector.id });
    const outcome = pass.then(
      () => "completed",
      () => "died",
    );
    let waiting: number | undefined;
    for (let i = 0; i < 100 && waiting === undefined; i++) {
      const rows = (await db.query<{ pid: number }>("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows;
      waiting = rows[0]?.pid;
      if (waiting === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(waiting).toBeDefined();
    // The worker's connection dies (a kill -9 of the worker looks the same to PostgreSQL).
    await db.query("SELECT pg_terminate_backend($1)", [waiting]);
    expect(await outcome).toBe("died");
    await db.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [capLock]);
    expect(await alertsOf(connector.id)).toEqual([]);
    expect(await cursorOf(connector.id)).toBe("0");

    expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ processed: 1, alertsCreated: 1, noticesQueued: 1 });
    expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ processed: 0, alertsCreated: 0 });
    // Reprocessing from an older cursor (a restore, a lost cursor row) updates the same alert and queues no second notice.
    await db.query("UPDATE activity_consumer_cursors SET last_seq = 0 WHERE consumer = 'detection' AND connector_id = $1", [connector.id]);
    expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ processed: 1, alertsCreated: 0, noticesQueued: 0 });
    expect(await alertsOf(connector.id)).toHaveLength(1);
    expect(await noticesOf(connector.id)).toHaveLength(1);
  });

  it("emails the notice through the email channel when the govern loop runs it", async () => {
    const smtp = await startSmtpServer();
    try {
      const { principal } = await makeUser("admin");
      const settings = { host: "127.0.0.1", port: smtp.port, security: "none", from: "watchpost@example.com", to: ["soc@example.com"] };
      await createChannel({ actor: principal, input: ZCreateChannelInput.parse({ kind: "email", name: "SOC mail", settings }) });
      const connector = await makeConnectorRow();
      const block = await insertSessionPolicy(db, { notifyUser: true, alert: null });
      await insertSessionActivity(db, { connectorId: connector.id, policies: [block], user: ANN });
      expect(await runDetectionPass({ connectorId: connector.id })).toMatchObject({ alertsCreated: 0, noticesQueued: 1 });
      await governPass();
      expect((await noticesOf(connector.id)).map((n) => n.status)).toEqual(["succeeded"]);
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]).toMatchObject({ to: [ANN.email], subject: "Security notice about your Atlassian account" });
      expect(smtp.mails[0]?.body).toContain(`Your download of threat-model.pdf on acme.atlassian.net from an unmanaged device`);
      expect(smtp.mails[0]?.body).toContain(`was blocked by the session policy "${block.name}"`);
    } finally {
      await smtp.close();
    }
  });
});
