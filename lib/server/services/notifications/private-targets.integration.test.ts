import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ZCreateChannelInput, type TCreateChannelInput } from "../../../shared/schemas/notifications";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { insertChannel } from "../../repositories/notification-channel-repository";
import { listDeliveries } from "../../repositories/notification-delivery-repository";
import { sealChannelSecret } from "./channel-secret";
import { startHttpReceiver, startSmtpServer } from "./local-receivers.fixture";
import { runNotifyLoop } from "./run-notify-loop";
import { createChannel, updateChannelForActor } from "./save-channel";
import { sendTestNotification } from "./send-test-notification";

// This file runs as a default install does: WATCHPOST_ALLOW_PRIVATE_TARGETS unset (the setup file sets it
// for the other tests; vi.hoisted runs before env.ts is first read).
vi.hoisted(() => {
  delete process.env.WATCHPOST_ALLOW_PRIVATE_TARGETS;
});

const logger = pino({ level: "silent" });
const cleanups: (() => Promise<void>)[] = [];
beforeEach(resetDatabase);
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as { code?: string; message?: string; invalidParams?: { name: string }[] });

describe("notification targets without WATCHPOST_ALLOW_PRIVATE_TARGETS", () => {
  it("refuses on save a webhook to a loopback receiver and an SMTP host on a private or loopback address (400 on the field)", async () => {
    const { principal } = await makeUser("admin");
    const receiver = await startHttpReceiver();
    cleanups.push(receiver.close);
    const webhook = await refusal(createChannel({ actor: principal, input: ZCreateChannelInput.parse({ kind: "webhook", name: "Local", url: receiver.url() }) as TCreateChannelInput }));
    expect(webhook).toMatchObject({ code: "bad_request", message: expect.stringMatching(/^Webhook URL refused: 127\.0\.0\.1 is a loopback address.*WATCHPOST_ALLOW_PRIVATE_TARGETS=1/) });
    expect(JSON.stringify(webhook)).toContain('"url"');

    const settings = { host: "10.20.30.40", port: 25, security: "none", from: "watchpost@example.com", to: ["soc@example.com"] };
    const email = await refusal(createChannel({ actor: principal, input: ZCreateChannelInput.parse({ kind: "email", name: "Mail", settings }) as TCreateChannelInput }));
    expect(email).toMatchObject({ code: "bad_request", message: expect.stringMatching(/^SMTP host refused: 10\.20\.30\.40 is a private address/) });
    expect(JSON.stringify(email)).toContain("settings.host");

    const mail = await createChannel({ actor: principal, input: ZCreateChannelInput.parse({ kind: "email", name: "Public", settings: { ...settings, host: "8.8.8.8" } }) as TCreateChannelInput });
    const moved = await refusal(updateChannelForActor({ actor: principal, id: mail.id, input: { settings: { ...settings, host: "localhost", port: 25, security: "none" } } }));
    expect(moved).toMatchObject({ code: "bad_request", message: expect.stringMatching(/localhost resolves to .*a loopback address/) });
  });

  it("refuses at delivery a webhook or SMTP host saved before (or resolving differently now): failed, nothing sent, no receiver text", async () => {
    const { principal } = await makeUser("admin");
    const receiver = await startHttpReceiver();
    const smtp = await startSmtpServer();
    cleanups.push(receiver.close, smtp.close);
    // Written straight to the table: what a channel saved under the variable, or a rebinding name, looks like.
    const hookId = randomUUID();
    const hook = await insertChannel({ id: hookId, name: "Old hook", kind: "webhook", enabled: true, minSeverity: "low", policyKeys: [], settings: {}, secretCiphertext: sealChannelSecret(hookId, { url: receiver.url("/services/T0/B0/secret") }), secretHint: "x", createdById: principal.userId });
    const mail = await insertChannel({
      id: randomUUID(),
      name: "Old relay",
      kind: "email",
      enabled: true,
      minSeverity: "low",
      policyKeys: [],
      settings: { host: "127.0.0.1", port: smtp.port, security: "none", from: "watchpost@example.com", to: ["soc@example.com"] },
      secretCiphertext: null,
      secretHint: null,
      createdById: principal.userId,
    });
    await sendTestNotification({ actor: principal, channelId: hook.id });
    await sendTestNotification({ actor: principal, channelId: mail.id });
    const until = Date.now() + 20_000;
    const rows = async () => [...(await listDeliveries({ channelId: hook.id, limit: 5 })).rows, ...(await listDeliveries({ channelId: mail.id, limit: 5 })).rows];
    while ((await rows()).some((d) => d.status === "pending") && Date.now() < until) await runNotifyLoop({ durationMs: 200, intervalMs: 20, logger, timeoutMs: 2_000 });
    const [webhookDelivery, mailDelivery] = await rows();
    expect(webhookDelivery).toMatchObject({ status: "failed", attempts: 1, error: expect.stringMatching(/^Refused: 127\.0\.0\.1 is a loopback address/) });
    expect(webhookDelivery?.error).not.toContain("secret");
    expect(mailDelivery).toMatchObject({ status: "failed", attempts: 1, error: expect.stringMatching(/^Refused: 127\.0\.0\.1 is a loopback address/) });
    expect(receiver.requests).toEqual([]);
    expect(smtp.mails).toEqual([]);
  });
});
