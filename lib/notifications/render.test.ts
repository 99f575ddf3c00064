import { describe, expect, it } from "vitest";
import { daysLeft, keyExpiryThreshold } from "./key-expiry";
import { renderEmail } from "./render-email";
import { renderSlack } from "./render-slack";
import { renderTeams } from "./render-teams";
import { renderWebhook } from "./render-webhook";
import type { NotificationContent } from "./types";

const alert: NotificationContent = {
  type: "alert",
  alert: {
    id: "6f1c9a56-1111-4222-8333-944455556666",
    severity: "high",
    policyKey: "impossible_travel",
    policyName: "Impossible travel",
    title: "Impossible travel by <script>alert(1)</script>",
    explanation: "Paris → Sydney in 40 min & more",
    user: { accountId: "acc-1", name: "Ada \"Lovelace\"", email: "ada@acme.test" },
    connectorName: "Acme",
    activityCount: 2,
    firstActivityAt: "2026-11-24T03:00:00.000Z",
    lastActivityAt: "2026-11-24T03:40:00.000Z",
    url: "https://watchpost.example.com/alerts/6f1c9a56-1111-4222-8333-944455556666",
  },
};
const sentAt = new Date("2026-11-24T04:00:00.000Z");

describe("email", () => {
  it("renders subject, text and HTML with every value escaped", () => {
    const email = renderEmail(alert);
    expect(email.subject).toBe("[HIGH] Impossible travel by <script>alert(1)</script>");
    expect(email.text).toContain("Paris → Sydney in 40 min & more");
    expect(email.text).toContain("User: Ada \"Lovelace\" <ada@acme.test>");
    expect(email.text).toContain("First activity: 2026-11-24 03:00 UTC");
    expect(email.text).toContain("Open the alert in Watchpost: https://watchpost.example.com/alerts/6f1c9a56-1111-4222-8333-944455556666");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(email.html).toContain("Ada &quot;Lovelace&quot; &lt;ada@acme.test&gt;");
    expect(email.html).toContain("&amp; more");
    expect(email.html).toContain('<a href="https://watchpost.example.com/alerts/6f1c9a56-1111-4222-8333-944455556666">');
  });

  it("sends a user notice as written, without the SOC's facts", () => {
    const email = renderEmail({ type: "user_notice", toEmail: "ada@acme.test", toName: "Ada", subject: "About your sign-in", text: "Hello Ada,\n\nWe saw <this>." });
    expect(email).toMatchObject({ subject: "About your sign-in", text: "Hello Ada,\n\nWe saw <this>." });
    expect(email.html).toContain("We saw &lt;this&gt;.");
    expect(email.html).not.toContain("ada@acme.test");
  });

  it("never turns a non-http link into an anchor", () => {
    const email = renderEmail({ type: "test", channelName: "x", requestedBy: null, url: "javascript:alert(1)" });
    expect(email.html).not.toContain("<a ");
  });
});

describe("webhook JSON", () => {
  it("has the documented alert shape", () => {
    expect(renderWebhook(alert, sentAt)).toEqual({
      type: "alert",
      alert: {
        id: "6f1c9a56-1111-4222-8333-944455556666",
        severity: "high",
        policy: { key: "impossible_travel", name: "Impossible travel" },
        title: "Impossible travel by <script>alert(1)</script>",
        explanation: "Paris → Sydney in 40 min & more",
        user: { accountId: "acc-1", name: "Ada \"Lovelace\"", email: "ada@acme.test" },
        organization: "Acme",
        activityCount: 2,
        firstActivityAt: "2026-11-24T03:00:00.000Z",
        lastActivityAt: "2026-11-24T03:40:00.000Z",
        url: "https://watchpost.example.com/alerts/6f1c9a56-1111-4222-8333-944455556666",
      },
      sentAt: "2026-11-24T04:00:00.000Z",
    });
  });

  it("describes tests, user notices and key expiry", () => {
    expect(renderWebhook({ type: "test", channelName: "SIEM", requestedBy: "admin@example.com", url: "https://w.example" }, sentAt)).toMatchObject({
      type: "test",
      test: { channel: "SIEM", requestedBy: "admin@example.com" },
    });
    expect(renderWebhook({ type: "user_notice", toEmail: "a@b.c", toName: null, subject: "s", text: "t" }, sentAt)).toEqual({
      type: "user_notice",
      notice: { toEmail: "a@b.c", toName: null, subject: "s", text: "t" },
      sentAt: sentAt.toISOString(),
    });
    const expiry = renderWebhook(
      { type: "connector_key_expiry", connector: { id: "c1", name: "Acme", url: "https://w.example/connectors/c1" }, expiresAt: "2026-12-01T00:00:00.000Z", daysLeft: 7, thresholdDays: 7 },
      sentAt,
    );
    expect(expiry).toEqual({
      type: "connector_key_expiry",
      connector: { id: "c1", name: "Acme", url: "https://w.example/connectors/c1", apiKeyExpiresAt: "2026-12-01T00:00:00.000Z", daysLeft: 7, thresholdDays: 7 },
      sentAt: sentAt.toISOString(),
    });
  });
});

describe("Slack", () => {
  it("sends text and Block Kit blocks with mrkdwn escaped and limits kept", () => {
    const long: NotificationContent = { ...alert, alert: { ...alert.alert, title: "x".repeat(400) } } as NotificationContent;
    const slack = renderSlack(alert);
    expect(slack.text).toBe(":red_circle: [HIGH] Impossible travel by &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(slack.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions", "context"]);
    expect(JSON.stringify(slack.blocks[1])).toContain("40 min &amp; more");
    expect(JSON.stringify(slack.blocks[2])).toContain("Ada \\\"Lovelace\\\" &lt;ada@acme.test&gt;");
    expect(slack.blocks[3]).toEqual({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open the alert in Watchpost" }, url: alert.alert.url }] });
    const header = renderSlack(long).blocks[0] as { text: { text: string } };
    expect(header.text.text).toHaveLength(150);
  });
});

describe("Teams", () => {
  it("sends one Adaptive Card message", () => {
    const teams = renderTeams(alert);
    expect(teams.type).toBe("message");
    expect(teams.attachments).toHaveLength(1);
    const [attachment] = teams.attachments;
    expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachment?.content).toMatchObject({
      type: "AdaptiveCard",
      version: "1.4",
      body: [
        { type: "TextBlock", text: "Impossible travel by <script>alert\\(1\\)</script>", weight: "Bolder", color: "Attention" },
        { type: "TextBlock", text: "Paris → Sydney in 40 min & more", wrap: true },
        { type: "FactSet", facts: expect.arrayContaining([{ title: "Policy", value: "Impossible travel" }]) },
      ],
      actions: [{ type: "Action.OpenUrl", title: "Open the alert in Watchpost", url: alert.alert.url }],
    });
  });
});

describe("Teams markdown", () => {
  it("keeps user-controlled text from turning into a link or emphasis", () => {
    const card = renderTeams({ ...alert, alert: { ...alert.alert, title: "[Reset your password](https://evil.example) *now*" } });
    const body = JSON.stringify(card.attachments[0]?.content.body);
    expect(body).not.toContain("[Reset your password](https://evil.example)");
    expect(body).toContain(JSON.stringify("\\[Reset your password\\]\\(https://evil.example\\) \\*now\\*").slice(1, -1));
  });
});

describe("key expiry thresholds", () => {
  const now = new Date("2026-11-24T00:00:00.000Z");
  const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);
  it("picks the smallest threshold the key is within", () => {
    expect(keyExpiryThreshold(inDays(45), now)).toBeNull();
    expect(keyExpiryThreshold(inDays(30), now)).toBe(30);
    expect(keyExpiryThreshold(inDays(8), now)).toBe(30);
    expect(keyExpiryThreshold(inDays(7), now)).toBe(7);
    expect(keyExpiryThreshold(inDays(1.5), now)).toBe(7);
    expect(keyExpiryThreshold(inDays(0.5), now)).toBe(1);
    expect(keyExpiryThreshold(inDays(-1), now)).toBeNull();
    expect(daysLeft(inDays(6.2), now)).toBe(7);
    expect(daysLeft(inDays(0.1), now)).toBe(1);
  });
});
