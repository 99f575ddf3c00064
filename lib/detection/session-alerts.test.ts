import { describe, expect, it } from "vitest";
import { ZSessionAlertDetails } from "../shared/schemas/session-alerts";
import { dayCapKey, dayCapKeysOf, noticeKey, planSessionAlerts, type TSessionAlertPolicy } from "./session-alerts";
import { readSessionRequest, type TSessionMatch } from "./session-request";
import { activity } from "./testing/activity-factory";

const BLOCK = "11111111-1111-4111-8111-111111111111";
const AUDIT = "22222222-2222-4222-8222-222222222222";
const NOW = new Date("2026-12-07T12:00:00Z");

const POLICIES = new Map<string, TSessionAlertPolicy>([
  [BLOCK, { id: BLOCK, name: "Block downloads to unmanaged devices", actionKind: "block", alert: { severity: "high", maxPerDay: 2 }, notifyUser: true }],
  [AUDIT, { id: AUDIT, name: "Monitor external users", actionKind: "audit", alert: { severity: "low", maxPerDay: 5 }, notifyUser: false }],
]);

const raw = (overrides: Record<string, unknown> = {}) => ({
  sessionId: "3f7c1a52-0000-4000-8000-00000000a001",
  device: { managed: false, subject: null, serial: null },
  userAgent: "Mozilla/5.0 Chromium",
  method: "GET",
  host: "acme.atlassian.net.proxy.localhost:4443",
  path: "/wiki/download/attachments/65601/threat-model.pdf",
  status: 200,
  bytesSent: 92,
  contentType: "text/plain",
  outcome: "blocked",
  policies: [{ id: BLOCK, name: "Block downloads to unmanaged devices", action: "block" }],
  blockedBy: BLOCK,
  file: { name: "threat-model.pdf", sizeBytes: 1_200_000, contentType: "application/pdf" },
  ...overrides,
});

const match = (at: string, overrides: Partial<TSessionMatch> & { raw?: Record<string, unknown>; action?: string; anonymous?: boolean } = {}): TSessionMatch => {
  const { raw: rawOverrides, action = "proxy_download_attachment", anonymous = false, ...rest } = overrides;
  const a = activity({ at, action, product: "confluence", targetName: "threat-model.pdf", ...(anonymous ? { actorId: "anonymous", actorEmail: null, actorName: null, isSystem: true } : {}) });
  return { activity: a, outcome: "blocked", policyIds: [BLOCK], siteName: "acme.atlassian.net", request: readSessionRequest(raw(rawOverrides)), ...rest };
};

const plan = (matches: TSessionMatch[], extra: Partial<Parameters<typeof planSessionAlerts>[0]> = {}) =>
  planSessionAlerts({ matches, policies: POLICIES, alertsOnDay: new Map(), recentNotices: new Set(), now: NOW, ...extra });

describe("session-policy alerts", () => {
  it("raises one alert per blocked download, naming policy, outcome, user, device, IP and file", () => {
    const m = match("2026-12-07T09:02:00Z");
    const { alerts } = plan([m]);
    expect(alerts).toHaveLength(1);
    const { candidate, policyName } = alerts[0] ?? expect.fail("no alert");
    expect(policyName).toBe("Block downloads to unmanaged devices");
    expect(candidate).toMatchObject({
      policyKey: `session:${BLOCK}`,
      episodeKey: `session:${m.activity.connectorId}:${m.activity.eventId}`,
      severity: "high",
      user: { accountId: "u1", email: "u1@acme.test", name: "User One" },
      title: "Blocked download to an unmanaged device: threat-model.pdf",
      activitySeqs: [m.activity.seq],
      firstActivityAt: m.activity.eventTime,
      lastActivityAt: m.activity.eventTime,
    });
    expect(candidate.explanation).toBe(
      'Session policy "Block downloads to unmanaged devices" blocked the download of threat-model.pdf (1.1 MB) by u1@acme.test on an unmanaged device from 81.2.69.142 (London, United Kingdom), acme.atlassian.net, 09:02 UTC.',
    );
    const details = ZSessionAlertDetails.parse(candidate.details);
    expect(details).toMatchObject({
      outcome: "blocked",
      policy: { id: BLOCK, action: "block" },
      session: { id: "3f7c1a52-0000-4000-8000-00000000a001" },
      device: { managed: false, subject: null, serial: null },
      file: { name: "threat-model.pdf", sizeBytes: 1_200_000, contentType: "application/pdf" },
      request: { method: "GET", path: "/wiki/download/attachments/65601/threat-model.pdf", status: 200, bytes: 92, userAgent: "Mozilla/5.0 Chromium" },
      ip: "81.2.69.142",
      location: "London, United Kingdom",
      site: "acme.atlassian.net",
    });
  });

  it("titles other matches '<policy>: <action> by <user>' and names the other policies the request matched", () => {
    const m = match("2026-12-07T10:00:00Z", {
      outcome: "audited",
      action: "proxy_view_page",
      policyIds: [AUDIT, BLOCK],
      raw: {
        outcome: "completed",
        blockedBy: null,
        file: null,
        policies: [
          { id: AUDIT, name: "Monitor external users", action: "audit" },
          { id: BLOCK, name: "Block downloads to unmanaged devices", action: "audit" },
        ],
        device: { managed: true, subject: "CN=Ada's laptop", serial: "0A1B" },
      },
    });
    const [alert] = plan([m]).alerts;
    expect(alert?.candidate.title).toBe("Monitor external users: page view by u1@acme.test");
    expect(alert?.candidate.explanation).toContain('Session policy "Monitor external users" audited (allowed and logged) the page view of threat-model.pdf by u1@acme.test on a managed device (CN=Ada\'s laptop)');
    expect(alert?.candidate.explanation).toContain('Also matched: "Block downloads to unmanaged devices" (audit).');
    expect(alert?.candidate.severity).toBe("low");
  });

  it("prefers the blocking policy, raises nothing for a deleted policy or one without an alert", () => {
    const both = match("2026-12-07T10:00:00Z", { policyIds: [AUDIT, BLOCK] });
    expect(plan([both]).alerts[0]?.candidate.policyKey).toBe(`session:${BLOCK}`);
    const deleted = match("2026-12-07T10:00:00Z", { policyIds: ["33333333-3333-4333-8333-333333333333"], raw: { blockedBy: "33333333-3333-4333-8333-333333333333" } });
    expect(plan([deleted])).toEqual({ alerts: [], suppressed: [], notices: [] });
    const quiet = new Map(POLICIES);
    quiet.set(BLOCK, { ...(POLICIES.get(BLOCK) as TSessionAlertPolicy), alert: null, notifyUser: false });
    expect(plan([match("2026-12-07T10:00:00Z")], { policies: quiet }).alerts).toHaveLength(0);
  });

  it("raises at most maxPerDay alerts per policy and UTC day, counting the rest as suppressed", () => {
    const day1 = ["2026-12-07T08:00:00Z", "2026-12-07T09:00:00Z", "2026-12-07T10:00:00Z", "2026-12-07T23:59:59Z"].map((at) => match(at));
    const day2 = match("2026-12-08T00:00:01Z");
    // One alert of the policy on 7 December was raised by an earlier batch.
    const result = plan([...day1, day2], { alertsOnDay: new Map([[dayCapKey(`session:${BLOCK}`, "2026-12-07"), 1]]) });
    expect(result.alerts.map((a) => a.candidate.firstActivityAt.toISOString())).toEqual(["2026-12-07T08:00:00.000Z", "2026-12-08T00:00:01.000Z"]);
    expect(result.suppressed).toEqual([{ policyKey: `session:${BLOCK}`, policyName: "Block downloads to unmanaged devices", day: "2026-12-07", maxPerDay: 2, count: 3 }]);
    expect(dayCapKeysOf([...day1, day2], POLICIES)).toEqual([
      { policyKey: `session:${BLOCK}`, day: "2026-12-07" },
      { policyKey: `session:${BLOCK}`, day: "2026-12-08" },
    ]);
  });

  it("falls back to the next alerting policy the request matched when the first one's day is used up", () => {
    const m = match("2026-12-07T10:00:00Z", { policyIds: [BLOCK, AUDIT] });
    const result = plan([m], { alertsOnDay: new Map([[dayCapKey(`session:${BLOCK}`, "2026-12-07"), 2]]) });
    expect(result.alerts.map((a) => a.candidate.policyKey)).toEqual([`session:${AUDIT}`]);
    expect(result.suppressed).toEqual([]);
  });

  it("names no user for an anonymous request and sends it no notice", () => {
    const result = plan([match("2026-12-07T10:00:00Z", { anonymous: true, outcome: "blocked", action: "proxy_view_page", raw: { blockedBy: BLOCK, file: null } })]);
    expect(result.alerts[0]?.candidate.user).toEqual({ accountId: null, email: null, name: null });
    expect(result.alerts[0]?.candidate.title).toBe("Block downloads to unmanaged devices: blocked page view by an anonymous user (not signed in)");
    expect(result.notices).toEqual([]);
  });

  it("notifies the user once per notifyUser policy and hour, not about requests over a day old", () => {
    const ms = ["2026-12-07T11:00:00Z", "2026-12-07T11:10:00Z"].map((at) => match(at));
    const { notices } = plan(ms);
    expect(notices).toEqual([
      {
        policyKey: `session:${BLOCK}`,
        policyName: "Block downloads to unmanaged devices",
        connectorId: ms[0]?.activity.connectorId,
        accountId: "u1",
        email: "u1@acme.test",
        name: "User One",
        eventId: ms[0]?.activity.eventId,
        reason: 'Your download of threat-model.pdf on acme.atlassian.net from an unmanaged device at 11:00 UTC was blocked by the session policy "Block downloads to unmanaged devices".',
      },
    ]);
    expect(plan(ms, { recentNotices: new Set([noticeKey(`session:${BLOCK}`, "u1")]) }).notices).toEqual([]);
    expect(plan([match("2026-12-06T11:59:00Z")]).notices).toEqual([]);
  });

  it("reads the proxy's record leniently: a malformed field is null, not a lost alert", () => {
    expect(readSessionRequest("not an object")).toMatchObject({ sessionId: null, device: { managed: false }, file: null, policies: [] });
    const request = readSessionRequest(raw({ status: "teapot", device: "???", file: { name: 7 } }));
    expect(request).toMatchObject({ status: null, device: { managed: false, subject: null }, file: null, method: "GET", blockedBy: BLOCK });
  });
});
