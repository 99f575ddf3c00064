import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZCreateChannelInput } from "../../../shared/schemas/notifications";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { listDeliveries } from "../../repositories/notification-delivery-repository";
import { startHttpReceiver, startSmtpServer } from "./local-receivers.fixture";
import { createChannel } from "./save-channel";
import { sendUserNotice } from "./send-user-notice";

const cleanups: (() => Promise<void>)[] = [];
beforeEach(resetDatabase);
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const notice = { toEmail: "alice@example.com", toName: "Alice Example", subject: "About your account", text: "We saw a sign-in from Brazil.\n\nContact soc@example.com." };

describe("sendUserNotice", () => {
  it("fails without retry when no email channel is configured", async () => {
    await expect(sendUserNotice({ ...notice, chat: false })).rejects.toMatchObject({
      retryable: false,
      message: "No email channel is configured: add one under Settings → Notifications",
    });
  });

  it("emails the user through the email channel, posts to chat channels, and records the deliveries", async () => {
    const smtp = await startSmtpServer({ username: "mailer", password: "s3cret-pass" });
    const slack = await startHttpReceiver();
    cleanups.push(smtp.close, slack.close);
    const { principal } = await makeUser("admin");
    const email = await createChannel({
      actor: principal,
      input: ZCreateChannelInput.parse({
        kind: "email",
        name: "SOC mail",
        settings: { host: "127.0.0.1", port: smtp.port, security: "none", username: "mailer", from: "watchpost@example.com", to: ["soc@example.com"] },
        password: "s3cret-pass",
      }),
    });
    const chat = await createChannel({ actor: principal, input: ZCreateChannelInput.parse({ kind: "slack", name: "SOC Slack", url: slack.url("/services/T0/B0/xyz") }) });

    const result = await sendUserNotice({ ...notice, chat: true });
    expect(result.channels).toEqual(["SOC mail", "SOC Slack"]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toMatchObject({ from: "watchpost@example.com", to: ["alice@example.com"], subject: "About your account" });
    expect(smtp.mails[0]?.body).toContain("We saw a sign-in from Brazil.");
    expect(slack.requests[0]?.body).toMatchObject({ text: expect.stringContaining("About your account"), blocks: expect.any(Array) });
    for (const channel of [email, chat]) {
      const { rows } = await listDeliveries({ channelId: channel.id, limit: 10 });
      expect(rows).toMatchObject([{ kind: "user_notice", status: "succeeded", attempts: 1 }]);
    }
  });

  it("throws a retryable error when the SMTP server is unreachable, and a permanent one on bad credentials", async () => {
    const smtp = await startSmtpServer({ username: "mailer", password: "right" });
    cleanups.push(smtp.close);
    const { principal } = await makeUser("admin");
    const settings = { host: "127.0.0.1", port: smtp.port, security: "none", username: "mailer", from: "watchpost@example.com", to: ["soc@example.com"] };
    await createChannel({ actor: principal, input: ZCreateChannelInput.parse({ kind: "email", name: "Mail", settings, password: "wrong" }) });
    await expect(sendUserNotice({ ...notice, chat: false })).rejects.toMatchObject({ retryable: false, message: expect.stringContaining("authentication failed") });
    await smtp.close();
    cleanups.pop();
    await expect(sendUserNotice({ ...notice, chat: false })).rejects.toMatchObject({ retryable: true });
  });
});
