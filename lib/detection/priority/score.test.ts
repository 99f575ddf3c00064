import { describe, expect, it } from "vitest";
import { decayOf, rarityOf, SEVERITY_POINTS } from "./formula";
import { scorePriority, type TPriorityActivity, type TPriorityAlert } from "./score";

const NOW = new Date("2026-12-07T12:00:00Z");
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const alert = (over: Partial<TPriorityAlert> & Pick<TPriorityAlert, "id">): TPriorityAlert => ({
  policyKey: "impossible_travel",
  policyName: "Impossible travel",
  title: `Alert ${over.id}`,
  severity: "high",
  classification: null,
  at: NOW,
  ...over,
});
const activity = (over: Partial<TPriorityActivity> & Pick<TPriorityActivity, "id" | "kind">): TPriorityActivity => ({ at: NOW, ip: null, countryCode: null, tags: [], ...over });
const sumOf = (xs: readonly { points: number }[]) => xs.reduce((s, c) => s + c.points, 0);

describe("formula", () => {
  it("rarity falls with the policy's alerts in 30 days and stays within [0.5, 3]", () => {
    expect(rarityOf(1)).toBe(3);
    expect(rarityOf(0)).toBe(3);
    expect(rarityOf(10)).toBeCloseTo(1.5);
    expect(rarityOf(100)).toBeCloseTo(1);
    expect(rarityOf(1_000_000)).toBe(0.5);
  });
  it("decay halves linearly over the 7 days", () => {
    expect(decayOf(0)).toBe(1);
    expect(decayOf(3.5 * 86_400_000)).toBeCloseTo(0.75);
    expect(decayOf(7 * 86_400_000)).toBe(0.5);
  });
});

describe("scorePriority", () => {
  it("weights an alert by severity, rarity and age; the score is the sum of its contributions", () => {
    const result = scorePriority({
      alerts: [alert({ id: "a1", severity: "high" }), alert({ id: "a2", severity: "low", policyKey: "failed_logins", at: ago(84) })],
      activities: [],
      policyAlerts30d: { impossible_travel: 100, failed_logins: 1 },
      now: NOW,
    });
    // high × rarity 1 × decay 1 = 40; low × rarity 3 × decay 0.75 = 22.5 → 23
    expect(result.contributions.map((c) => [c.id, c.points])).toEqual([["a1", SEVERITY_POINTS.high], ["a2", 23]]);
    expect(result.score).toBe(63);
    expect(result.score).toBe(sumOf(result.contributions));
    expect(result.contributions[0]).toMatchObject({ kind: "alert", label: "Alert a1" });
  });

  it("does not count false positives or anything older than 7 days; confirmed benign counts half", () => {
    const result = scorePriority({
      alerts: [
        alert({ id: "fp", classification: "false_positive" }),
        alert({ id: "old", at: ago(7 * 24 + 1) }),
        alert({ id: "benign", classification: "benign_true_positive" }),
        alert({ id: "future", at: new Date(NOW.getTime() + 60_000) }),
      ],
      activities: [],
      policyAlerts30d: { impossible_travel: 100 },
      now: NOW,
    });
    expect(result.contributions.map((c) => c.id)).toEqual(["benign"]);
    expect(result.score).toBe(20);
  });

  it("groups unusual activity: one contribution per anonymous IP and per new country", () => {
    const result = scorePriority({
      alerts: [],
      activities: [
        activity({ id: "10", kind: "anonymous_ip", ip: "185.220.101.1", tags: ["tor"], at: ago(2) }),
        activity({ id: "11", kind: "anonymous_ip", ip: "185.220.101.1", tags: ["tor"], at: ago(1) }),
        activity({ id: "12", kind: "suspicious_ip", ip: "45.1.1.1", tags: ["botnet"] }),
        activity({ id: "13", kind: "new_country", countryCode: "BR", ip: "177.1.1.1" }),
      ],
      policyAlerts30d: {},
      now: NOW,
    });
    expect(result.contributions).toEqual([
      { kind: "activity", id: "11", label: "2 activities from anonymous IP 185.220.101.1 (tor)", points: 15, at: ago(1).toISOString() },
      { kind: "activity", id: "12", label: "1 activity from suspicious IP 45.1.1.1 (botnet)", points: 10, at: NOW.toISOString() },
      { kind: "activity", id: "13", label: "First activity from Brazil", points: 10, at: NOW.toISOString() },
    ]);
    expect(result.score).toBe(35);
  });

  it("counts failed sign-ins only in bursts of 3 or more within 30-minute gaps", () => {
    const fail = (id: string, minutesAgo: number) => activity({ id, kind: "failed_sign_in", at: new Date(NOW.getTime() - minutesAgo * 60_000) });
    const result = scorePriority({
      alerts: [],
      // A burst of 5 (ids 1-5, 10 minutes apart), then two lone typos hours apart.
      activities: [fail("1", 100), fail("2", 90), fail("3", 80), fail("4", 70), fail("5", 60), fail("6", 300), fail("7", 600)],
      policyAlerts30d: {},
      now: NOW,
    });
    expect(result.contributions).toEqual([{ kind: "activity", id: "1", label: "5 failed sign-ins within 40 min", points: 7, at: fail("5", 60).at.toISOString() }]);
  });

  it("gives the score at the end of each of the last 7 days as the trend, today last", () => {
    const result = scorePriority({
      alerts: [alert({ id: "a", at: ago(3 * 24) }), alert({ id: "b", at: ago(10 * 24) })],
      activities: [],
      policyAlerts30d: { impossible_travel: 100 },
      now: NOW,
    });
    expect(result.trend).toHaveLength(7);
    // b (10 days old) counts, decaying, until day -4 (7 days old on day -3); a from day -3 on: 40 × (1 - 0.5 × age / 7 days).
    expect(result.trend).toEqual([29, 26, 23, 40, 37, 34, 31]);
    expect(result.trend[6]).toBe(result.score);
  });

  it("is zero with nothing to say", () => {
    expect(scorePriority({ alerts: [], activities: [], policyAlerts30d: {}, now: NOW })).toEqual({ score: 0, trend: [0, 0, 0, 0, 0, 0, 0], contributions: [] });
  });
});
