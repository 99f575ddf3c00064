import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { ZCreateChannelInput, type TCreateChannelInput } from "../../../shared/schemas/notifications";
import { makeUser } from "../../../testing/factories";
import { openTestDatabase } from "../../../testing/test-database";
import { logger } from "../../logger";
import { fanOutPendingAlerts } from "../../repositories/alert-fan-out-repository";
import { listDeliveries } from "../../repositories/notification-delivery-repository";
import { getChannelOrThrow, listChannelDtos } from "./get-channels";
import { startHttpReceiver, startSmtpServer } from "./local-receivers.fixture";
import { queueKeyExpiryWarnings } from "./queue-key-expiry-warnings";
import { runNotifyLoop } from "./run-notify-loop";
import { createChannel, updateChannelForActor } from "./save-channel";
import { sendTestNotification } from "./send-test-notification";

const FAST = { maxAttempts: 6, delaysMs: [50, 100, 100, 100, 100] };
const cleanups: (() => Promise<void>)[] = [];
const db = openTestDatabase();

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const admin = async () => (await makeUser("admin")).principal;

const addChannel = async (input: Record<string, unknown>) => createChannel({ actor: await admin(), input: ZCreateChannelInput.parse(input) as TCreateChannelInput });

const insertConnector = async (name: string, keyExpiresAt = new Date(Date.now() + 300 * 86_400_000)): Promise<string> => {
  const id = randomUUID();
  await db.query(
    `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, status, updated_at)
     VALUES ($1, $2, $3, 'http://127.0.0.1:1', 'x', 'none', $3, $4, now(), 'connected', now())`,
    [id, name, `org-${id.slice(0, 8)}`, keyExpiresAt],
  );
  return id;
};

const insertAlert = async (connectorId: string, seed: { severity: "low" | "medium" | "high"; policyKey: string; title: string }): Promise<string> => {
  const id = randomUUID();
  await db.query(
    `INSERT INTO alerts (id, policy_key, policy_name, severity, connector_id, user_account_id, user_email, user_name, title, explanation, episode_key,
       activity_count, first_activity_at, last_activity_at, updated_at)
     VALUES ($1::uuid, $2, initcap(replace($2, '_', ' ')), $3::"Severity", $4, 'acc-ada', 'ada@acme.test', 'Ada <Lovelace>', $5,
       'Signed in from Paris, then from Sydney 40 minutes later (17,000 km): 25,500 km/h', $1::text, 2, now() - interval '40 minutes', now(), now())`,
    [id, seed.policyKey, seed.severity, connectorId, seed.title],
  );
  return id;
};

/** Runs short notify loops until `done` holds (or fails after 20 s). */
const notifyUntil = async (done: () => Promise<boolean> | boolean, options: { timeoutMs?: number; logger?: typeof logger } = {}) => {
  const until = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > until) throw new Error("notify loop did not reach the expected state");
    await runNotifyLoop({ durationMs: 200, intervalMs: 20, logger: options.logger ?? logger, retryPolicy: FAST, timeoutMs: options.timeoutMs ?? 2_000 });
  }
};

const deliveriesOf = async (channelId: string) => (await listDeliveries({ channelId, limit: 50 })).rows;

describe("notify job", () => {
  it("delivers alerts routed by severity and policy by email, webhook, Slack and Teams", async () => {
    const smtp = await startSmtpServer();
    const receiver = await startHttpReceiver();
    cleanups.push(smtp.close, receiver.close);
    const email = await addChannel({
      kind: "email",
      name: "SOC mail",
      minSeverity: "high",
      settings: { host: "127.0.0.1", port: smtp.port, security: "none", from: "watchpost@example.com", to: ["soc@example.com", "oncall@example.com"] },
    });
    const webhook = await addChannel({ kind: "webhook", name: "SIEM", policyKeys: ["impossible_travel"], url: receiver.url("/siem") });
    const slack = await addChannel({ kind: "slack", name: "Slack", policyKeys: ["infrequent_country"], url: receiver.url("/slack/T0/B0/secretpart") });
    const teams = await addChannel({ kind: "teams", name: "Teams", minSeverity: "medium", url: receiver.url("/teams") });
    await addChannel({ kind: "webhook", name: "Off", enabled: false, url: receiver.url("/off") });

    const connectorId = await insertConnector("Acme");
    const travel = await insertAlert(connectorId, { severity: "high", policyKey: "impossible_travel", title: "Impossible travel by Ada" });
    const country = await insertAlert(connectorId, { severity: "low", policyKey: "infrequent_country", title: "Sign-in from a new country" });
    expect(await fanOutPendingAlerts()).toMatchObject({ alerts: 2, deliveries: 4 });

    await notifyUntil(async () => (await db.query("SELECT 1 FROM notification_deliveries WHERE status = 'pending'")).rowCount === 0);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail).toMatchObject({ from: "watchpost@example.com", to: ["soc@example.com", "oncall@example.com"], subject: "[HIGH] Impossible travel by Ada" });
    expect(mail?.body).toContain("Signed in from Paris, then from Sydney");
    expect(mail?.body).toContain(`/alerts/${travel}`);
    expect(mail?.body).toContain("Ada &lt;Lovelace&gt;"); // escaped in the HTML part

    const byPath = (path: string) => receiver.requests.filter((r) => r.path === path).map((r) => r.body);
    expect(byPath("/siem")).toEqual([
      {
        type: "alert",
        alert: expect.objectContaining({
          id: travel,
          severity: "high",
          policy: { key: "impossible_travel", name: "Impossible Travel" },
          title: "Impossible travel by Ada",
          user: { accountId: "acc-ada", name: "Ada <Lovelace>", email: "ada@acme.test" },
          organization: "Acme",
          activityCount: 2,
          url: expect.stringMatching(new RegExp(`/alerts/${travel}$`)),
        }),
        sentAt: expect.any(String),
      },
    ]);
    const [slackBody] = byPath("/slack/T0/B0/secretpart") as { text: string; blocks: { type: string }[] }[];
    expect(slackBody?.text).toContain("[LOW] Sign-in from a new country");
    expect(slackBody?.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions", "context"]);
    expect(byPath("/teams")).toEqual([
      {
        type: "message",
        attachments: [expect.objectContaining({ contentType: "application/vnd.microsoft.card.adaptive", content: expect.objectContaining({ type: "AdaptiveCard" }) })],
      },
    ]);
    expect(byPath("/off")).toEqual([]);
    for (const channel of [email, webhook, slack, teams]) {
      expect(await deliveriesOf(channel.id)).toMatchObject([{ kind: "alert", status: "succeeded", attempts: 1, error: null }]);
      expect((await getChannelOrThrow(channel.id)).lastSuccessAt).not.toBeNull();
    }
    expect((await deliveriesOf(slack.id))[0]?.alertId).toBe(country);
  });

  it("retries 500s with backoff and delivers on the third attempt", async () => {
    const receiver = await startHttpReceiver((_req, index, res) => {
      if (index >= 2) return false;
      res.writeHead(500).end("upstream broke");
      return true;
    });
    cleanups.push(receiver.close);
    const channel = await addChannel({ kind: "webhook", name: "Flaky", url: receiver.url() });
    const test = await sendTestNotification({ actor: await admin(), channelId: channel.id });
    await notifyUntil(async () => (await deliveriesOf(channel.id))[0]?.status !== "pending");
    expect(await deliveriesOf(channel.id)).toMatchObject([{ id: test.id, kind: "test", status: "succeeded", attempts: 3 }]);
    expect(receiver.requests).toHaveLength(3);
    expect(receiver.requests[2]?.body).toMatchObject({ type: "test", test: { channel: "Flaky" } });
    const dto = await getChannelOrThrow(channel.id);
    expect(dto.lastError).toBe("HTTP 500: the receiver failed");
    expect(dto.lastSuccessAt! > dto.lastFailureAt!).toBe(true);
  });

  it("times out a hanging receiver, retries, then fails with the error on the delivery and the channel", async () => {
    const receiver = await startHttpReceiver(() => true); // never answers
    cleanups.push(receiver.close);
    const channel = await addChannel({ kind: "slack", name: "Hanging", url: receiver.url("/services/T/B/hangs") });
    await sendTestNotification({ actor: await admin(), channelId: channel.id });
    const lines: string[] = [];
    const captured = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
    await notifyUntil(async () => (await deliveriesOf(channel.id))[0]?.status !== "pending", { timeoutMs: 300, logger: captured });
    expect(await deliveriesOf(channel.id)).toMatchObject([{ status: "failed", attempts: 6, error: "No answer within 0.3 s (timed out)" }]);
    expect(lines.join("\n")).toContain("notification not delivered");
    expect(lines.join("\n")).not.toContain("/services/T/B/hangs"); // Slack webhook URLs are credentials
    expect(receiver.requests).toHaveLength(6);
    expect(await getChannelOrThrow(channel.id)).toMatchObject({ lastError: "No answer within 0.3 s (timed out)", lastFailureAt: expect.any(String) });
  });

  it("caps sends per channel, so a hanging receiver never holds up the others", async () => {
    const receiver = await startHttpReceiver((req) => req.path === "/hang");
    cleanups.push(receiver.close);
    const stuck = await addChannel({ kind: "webhook", name: "Stuck", url: receiver.url("/hang") });
    const fine = await addChannel({ kind: "webhook", name: "Fine", url: receiver.url("/fine") });
    // More stuck deliveries, queued first, than the claim window (4 slots × 10) holds.
    const actor = await admin();
    for (let i = 0; i < 50; i++) await sendTestNotification({ actor, channelId: stuck.id });
    await sendTestNotification({ actor, channelId: fine.id });
    const started = Date.now();
    await runNotifyLoop({ durationMs: 1_000, intervalMs: 20, logger, retryPolicy: FAST, timeoutMs: 3_000, concurrency: 4, perChannel: 2 });
    expect(await deliveriesOf(fine.id)).toMatchObject([{ status: "succeeded" }]);
    const delivered = (await deliveriesOf(fine.id))[0]?.deliveredAt;
    expect(delivered!.getTime() - started).toBeLessThan(1_000);
    expect(receiver.requests.filter((r) => r.path === "/hang")).toHaveLength(2);
  });

  it("fails at once on a 4xx other than 429, and refuses redirects to another host", async () => {
    const other = await startHttpReceiver();
    const receiver = await startHttpReceiver((req, _i, res) => {
      if (req.path === "/gone") res.writeHead(404).end("no_service");
      else if (req.path === "/moved") res.writeHead(307, { location: other.url("/elsewhere") }).end();
      else return false;
      return true;
    });
    cleanups.push(receiver.close, other.close);
    const gone = await addChannel({ kind: "slack", name: "Gone", url: receiver.url("/gone") });
    const moved = await addChannel({ kind: "webhook", name: "Moved", url: receiver.url("/moved") });
    await sendTestNotification({ actor: await admin(), channelId: gone.id });
    await sendTestNotification({ actor: await admin(), channelId: moved.id });
    await notifyUntil(async () => (await db.query("SELECT 1 FROM notification_deliveries WHERE status = 'pending'")).rowCount === 0);
    expect(await deliveriesOf(gone.id)).toMatchObject([{ status: "failed", attempts: 1, error: "HTTP 404: no such webhook at the receiver" }]);
    expect(await deliveriesOf(moved.id)).toMatchObject([{ status: "failed", attempts: 1, error: expect.stringContaining("redirects to other hosts are not followed") }]);
    expect(other.requests).toEqual([]);
  });

  it("queues key-expiry warnings once per threshold and channel, and sends them", async () => {
    const receiver = await startHttpReceiver();
    cleanups.push(receiver.close);
    const a = await addChannel({ kind: "webhook", name: "A", url: receiver.url("/a") });
    const b = await addChannel({ kind: "teams", name: "B", url: receiver.url("/b") });
    await addChannel({ kind: "webhook", name: "Disabled", enabled: false, url: receiver.url("/c") });
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 20 * 86_400_000);
    const connectorId = await insertConnector("Acme", expiresAt);
    await insertConnector("Fresh"); // a year left: nothing

    expect(await queueKeyExpiryWarnings({ now })).toBe(2);
    expect(await queueKeyExpiryWarnings({ now })).toBe(0);
    const sixDaysLeft = new Date(expiresAt.getTime() - 6 * 86_400_000);
    expect(await queueKeyExpiryWarnings({ now: sixDaysLeft })).toBe(2);
    expect(await queueKeyExpiryWarnings({ now: new Date(sixDaysLeft.getTime() + 3_600_000) })).toBe(0);
    expect(await queueKeyExpiryWarnings({ now: new Date(expiresAt.getTime() + 1000) })).toBe(0); // expired: the connector says so
    const keys = (await db.query<{ dedupe_key: string }>("SELECT dedupe_key FROM notification_deliveries ORDER BY dedupe_key")).rows.map((r) => r.dedupe_key);
    expect(keys).toEqual([`key-expiry:${connectorId}:30:${a.id}`, `key-expiry:${connectorId}:30:${b.id}`, `key-expiry:${connectorId}:7:${a.id}`, `key-expiry:${connectorId}:7:${b.id}`].sort());

    await notifyUntil(async () => (await db.query("SELECT 1 FROM notification_deliveries WHERE status = 'pending'")).rowCount === 0);
    const bodies = receiver.requests.filter((r) => r.path === "/a").map((r) => r.body);
    expect(bodies).toContainEqual({
      type: "connector_key_expiry",
      connector: { id: connectorId, name: "Acme", url: expect.stringContaining(`/connectors/${connectorId}`), apiKeyExpiresAt: expiresAt.toISOString(), daysLeft: 20, thresholdDays: 30 },
      sentAt: expect.any(String),
    });

    // A rotated key (set after the earlier warnings) gets its own warnings at the same thresholds.
    await db.query("UPDATE connectors SET api_key_set_at = now() + interval '1 second'");
    await new Promise((r) => setTimeout(r, 1100));
    expect(await queueKeyExpiryWarnings({ now: sixDaysLeft })).toBe(2);
  });

  it("keeps secrets encrypted and out of every DTO", async () => {
    const url = "https://hooks.slack.com/services/T000/B000/supersecretvalue1234";
    const channel = await addChannel({ kind: "slack", name: "Slack", url });
    expect(channel.secretHint).toBe("hooks.slack.com/…/1234");
    expect(JSON.stringify(await listChannelDtos())).not.toContain("supersecret");
    const { rows } = await db.query<{ secret_ciphertext: string }>("SELECT secret_ciphertext FROM notification_channels");
    expect(rows[0]?.secret_ciphertext).toMatch(/^v2:/);
    expect(rows[0]?.secret_ciphertext).not.toContain("supersecret");

    const updated = await updateChannelForActor({ actor: await admin(), id: channel.id, input: { url: "https://hooks.slack.com/services/T000/B000/another9876" } });
    expect(updated.secretHint).toBe("hooks.slack.com/…/9876");
    await expect(updateChannelForActor({ actor: await admin(), id: channel.id, input: { password: "x" } })).rejects.toMatchObject({ status: 400 });
    await addChannel({ kind: "webhook", name: "Other", url: "https://example.com/hook" });
    await expect(addChannel({ kind: "webhook", name: "Other", url: "https://example.com/hook2" })).rejects.toMatchObject({ status: 409, message: 'A notification channel named "Other" already exists' });
  });

  it("does not send alerts to a channel disabled after they were queued", async () => {
    const receiver = await startHttpReceiver();
    cleanups.push(receiver.close);
    const channel = await addChannel({ kind: "webhook", name: "Soon off", url: receiver.url() });
    await insertAlert(await insertConnector("Acme"), { severity: "high", policyKey: "impossible_travel", title: "t" });
    await fanOutPendingAlerts();
    await updateChannelForActor({ actor: await admin(), id: channel.id, input: { enabled: false } });
    await notifyUntil(async () => (await deliveriesOf(channel.id))[0]?.status !== "pending");
    expect(await deliveriesOf(channel.id)).toMatchObject([{ status: "failed", error: "Not sent: the channel is disabled" }]);
    expect(receiver.requests).toEqual([]);
  });
});
