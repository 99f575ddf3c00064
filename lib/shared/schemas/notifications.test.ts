import { describe, expect, it } from "vitest";
import { ZCreateChannelInput, ZUpdateChannelInput } from "./notifications";

const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

describe("notification channel schemas", () => {
  it("refuses URLs that do not parse, other schemes and plain http to other hosts, with one message each", () => {
    expect(messages(ZCreateChannelInput.safeParse({ kind: "webhook", name: "x", url: "not a url" }))).toEqual(["url: Enter a URL such as https://hooks.example.com/…"]);
    expect(messages(ZCreateChannelInput.safeParse({ kind: "slack", name: "x", url: "http://hooks.example.com/in" }))).toEqual(["url: Webhook URLs must use https (http only to localhost)"]);
    expect(messages(ZCreateChannelInput.safeParse({ kind: "teams", name: "x", url: "ftp://example.com/x" }))).toEqual(["url: Webhook URLs must use https (http only to localhost)"]);
    expect(ZCreateChannelInput.safeParse({ kind: "webhook", name: "x", url: "http://127.0.0.1:4999/hook" }).success).toBe(true);
    expect(messages(ZUpdateChannelInput.safeParse({ url: "::" }))).toEqual(["url: Enter a URL such as https://hooks.example.com/…"]);
  });

  it("checks SMTP settings field by field and fills the defaults", () => {
    const bad = ZCreateChannelInput.safeParse({ kind: "email", name: "Mail", settings: { host: "", port: 70000, from: "nope", to: [] } });
    expect(messages(bad)).toEqual([
      "settings.host: SMTP host is required",
      "settings.port: SMTP port must be at most 65535",
      "settings.from: Enter an email address such as soc@example.com",
      "settings.to: Add at least one recipient",
    ]);
    const good = ZCreateChannelInput.parse({ kind: "email", name: "Mail", settings: { host: "smtp.example.com", from: "w@example.com", to: ["soc@example.com"] } });
    expect(good).toMatchObject({ enabled: true, minSeverity: "low", policyKeys: [], settings: { port: 587, security: "starttls" } });
  });

  it("routes by known policy key shapes only", () => {
    expect(ZCreateChannelInput.safeParse({ kind: "webhook", name: "x", url: "https://e.com", policyKeys: ["impossible_travel", "custom:8a1c2d3e-0000-4000-8000-000000000000"] }).success).toBe(true);
    expect(messages(ZCreateChannelInput.safeParse({ kind: "webhook", name: "x", url: "https://e.com", policyKeys: ["DROP TABLE"] }))).toEqual([
      "policyKeys.0: Policies are keys such as impossible_travel",
    ]);
  });
});
