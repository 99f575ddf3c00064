// The demo org's 30 days of history through the real detection engine (issue 25): a realistic trickle of alerts, every
// planted episode caught, no systematic false positives from the generator's world.
import { describe, expect, it } from "vitest";
import { scoreDetections } from "../detection/corpus/score";
import { replayScenario } from "../detection/testing/replay-scenario";
import { demoScenario } from "./demo";

const DAY_MS = 86_400_000;
// A fixed "now": the demo's events depend on its start, and the test must not change from one day to the next.
const NOW_MS = Date.parse("2026-12-07T12:00:00Z");

describe("the demo org's alerts", () => {
  const scenario = demoScenario();
  const { alerts, labels } = replayScenario(scenario, { startMs: NOW_MS - scenario.days * DAY_MS, nowMs: NOW_MS });
  const perDay = new Map<string, number>();
  for (const alert of alerts) {
    const day = alert.firstActivityAt.toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }

  it("raises at most 5 new alerts a day on average over its 30 days, and no burst", () => {
    const counts = [...perDay.entries()].sort(([a], [b]) => a.localeCompare(b));
    console.log(`demo alerts per day: ${counts.map(([day, n]) => `${day.slice(5)}=${n}`).join(" ")} (total ${alerts.length})`);
    expect(alerts.length / scenario.days).toBeLessThanOrEqual(5);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(10);
  });

  it("catches every planted episode with its policy", () => {
    expect(labels.length).toBeGreaterThanOrEqual(8);
    const { scores, missed } = scoreDetections(labels, alerts);
    expect(missed.map((m) => `${m.policy}: ${m.label.label}`)).toEqual([]);
    for (const score of scores) if (score.expected > 0) expect(score.recall, score.policy).toBe(1);
  });

  it("has no travel or country alerts made by the generator's VPN exits or offices", () => {
    const planted = new Set(labels.flatMap((l) => l.eventIds));
    const unplanted = alerts.filter((a) => (a.policyKey === "impossible_travel" || a.policyKey === "infrequent_country") && !a.eventIds.some((id) => planted.has(id)));
    // A remote worker who sometimes goes through the VPN exit of a bordering country (Dublin → London) is true but benign.
    expect(unplanted.length, unplanted.map((a) => a.explanation).join("\n")).toBeLessThanOrEqual(scenario.days / 3);
    expect(unplanted.filter((a) => a.policyKey === "impossible_travel").map((a) => a.explanation)).toEqual([]);
  });
});
