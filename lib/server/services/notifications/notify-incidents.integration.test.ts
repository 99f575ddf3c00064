import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ZCreateChannelInput, type TCreateChannelInput } from "../../../shared/schemas/notifications";
import { makeUser } from "../../../testing/factories";
import { openTestDatabase } from "../../../testing/test-database";
import { logger } from "../../logger";
import { fanOutPendingAlerts } from "../../repositories/alert-fan-out-repository";
import { upsertAlertsInTransaction, type TAlertWrite } from "../../repositories/alert-repository";
import { startHttpReceiver, startSmtpServer } from "./local-receivers.fixture";
import { runNotifyLoop } from "./run-notify-loop";
import { createChannel, updateChannelForActor } from "./save-channel";

const cleanups: (() => Promise<void>)[] = [];
const db = openTestDatabase();
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const addChannel = async (input: Record<string, unknown>) => createChannel({ actor: (await makeUser("admin")).principal, input: ZCreateChannelInput.parse(input) as TCreateChannelInput });

const insertConnector = async (): Promise<string> => {
  const id = randomUUID();
  await db.query(
    `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, status, updated_at)
     VALUES ($1, 'Acme', $2, 'http://127.0.0.1:1', 'x', 'none', $2, now() + interval '1 year', now(), 'connected', now())`,
    [id, `org-${id.slice(0, 8)}`],
  );
  return id;
};

const alert = (key: string, policyKey: string, minutesAgo: number): TAlertWrite => ({
  policyId: null,
  policyKey,
  policyName: policyKey,
  severity: "high",
  connectorId: "",
  user: { accountId: "acc-ada", email: "ada@acme.test", name: "Ada" },
  title: `Alert ${key}`,
  explanation: "x",
  details: {},
  episodeKey: key,
  activitySeqs: [],
  firstActivityAt: new Date(Date.now() - minutesAgo * 60_000),
  lastActivityAt: new Date(Date.now() - minutesAgo * 60_000),
});

const notifyAll = async () => {
  const until = Date.now() + 20_000;
  while ((await db.query("SELECT 1 FROM notification_deliveries WHERE status = 'pending'")).rowCount !== 0) {
    if (Date.now() > until) throw new Error("deliveries still pending");
    await runNotifyLoop({ durationMs: 200, intervalMs: 20, logger, timeoutMs: 2_000 });
  }
};

describe("one message per incident", () => {
  it("email replies in the incident's thread, the webhook updates with incidentId, Slack says the alert joined; per-alert channels are unchanged", async () => {
    const smtp = await startSmtpServer();
    const receiver = await startHttpReceiver();
    cleanups.push(smtp.close, receiver.close);
    const settings = { host: "127.0.0.1", port: smtp.port, security: "none", from: "watchpost@example.com", to: ["soc@example.com"] };
    const mail = await addChannel({ kind: "email", name: "Mail", messagePer: "incident", settings });
    expect(mail.messagePer).toBe("incident");
    await addChannel({ kind: "webhook", name: "SIEM", messagePer: "incident", url: receiver.url("/siem") });
    await addChannel({ kind: "slack", name: "Slack", messagePer: "incident", url: receiver.url("/slack/T0/B0/x") });
    const plain = await addChannel({ kind: "webhook", name: "Plain", url: receiver.url("/plain") });
    expect(plain.messagePer).toBe("alert");
    const admin = (await makeUser("admin")).principal;
    expect((await updateChannelForActor({ actor: admin, id: plain.id, input: { messagePer: "alert" } })).messagePer).toBe("alert");

    const c = await insertConnector();
    await upsertAlertsInTransaction(c, [alert("one", "impossible_travel", 30)]);
    await fanOutPendingAlerts();
    await notifyAll();
    await upsertAlertsInTransaction(c, [alert("two", "infrequent_country", 20)]);
    await upsertAlertsInTransaction(c, [alert("three", "suspicious_ip", 10)]);
    await fanOutPendingAlerts();
    await notifyAll();
    const [incident] = (await db.query<{ id: string }>("SELECT id FROM incidents")).rows;
    const id = incident?.id ?? "";

    const subject = smtp.mails[0]?.subject ?? "";
    expect(subject).toMatch(/^\[Incident\] Ada/);
    expect(smtp.mails.map((m) => m.subject)).toEqual([subject, `Re: ${subject}`, `Re: ${subject}`]);
    // Long headers are folded onto continuation lines.
    const header = (raw: string, name: string) => new RegExp(`^${name}: *(.+)$`, "mi").exec(raw.replace(/\r?\n[ \t]+/g, " "))?.[1]?.trim();
    const first = header(smtp.mails[0]?.raw ?? "", "Message-ID");
    if (!first) throw new Error(smtp.mails[0]?.raw.slice(0, 800));
    expect(first).toContain(`incident-${id}`);
    for (const reply of smtp.mails.slice(1)) {
      expect(header(reply.raw, "In-Reply-To")).toBe(first);
      expect(header(reply.raw, "References")).toBe(first);
      expect(header(reply.raw, "Message-ID")).not.toBe(first);
    }

    const bodies = (path: string) => receiver.requests.filter((r) => r.path === path).map((r) => r.body as Record<string, unknown>);
    expect(bodies("/siem").map((b) => [b.incidentId, b.update, (b.incident as { alertCount: number }).alertCount])).toEqual([
      [id, false, 1],
      [id, true, 3],
      [id, true, 3],
    ]);
    const slack = bodies("/slack/T0/B0/x").map((b) => String(b.text));
    expect(slack).toHaveLength(3);
    expect(slack[0]).toContain("New incident for Ada");
    expect(slack[1]).toContain("Joined incident for Ada");
    expect(slack[2]).toContain("(3 alerts)");
    expect(bodies("/plain").map((b) => [b.type, "incidentId" in b])).toEqual([
      ["alert", false],
      ["alert", false],
      ["alert", false],
    ]);
  });
});
