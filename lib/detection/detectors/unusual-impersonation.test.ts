import { describe, expect, it } from "vitest";
import { runDetection } from "../engine";
import { EMPTY_DIRECTORY } from "../policy-config";
import { activity, builtinPolicies, history } from "../testing/activity-factory";
import type { TDetectionActivity } from "../types";

const run = (activities: TDetectionActivity[]) => runDetection({ activities, policies: builtinPolicies(), directory: EMPTY_DIRECTORY, states: new Map(), isLive: true });
const impersonations = (out: ReturnType<typeof run>) => out.candidates.filter((c) => c.policyKey === "unusual_impersonation");

const START = "2026-01-01T00:00:00Z";
const DAY_MS = 86_400_000;
let account = 0;

const loginAs = (day: number, hour: number, i: number, targetName: string) =>
  activity({ at: new Date(Date.parse(START) + day * DAY_MS + hour * 3_600_000 + i * 3 * 60_000), action: "user_logged_in_as_user", targetName });

/** One support session on `day` at `hour`: `fresh` accounts never impersonated before, then `regulars` logins as three usual ones. */
const supportSession = (day: number, hour: number, fresh: number, regulars = 6): TDetectionActivity[] => [
  ...Array.from({ length: fresh }, (_, i) => loginAs(day, hour, i, `customer-${(account += 1)}@acme.test`)),
  ...Array.from({ length: regulars }, (_, i) => loginAs(day, hour, fresh + i, `regular-${i % 3}@acme.test`)),
];

/** A support lead's routine: from day 1, two sessions every day, each meeting 3 or 4 accounts for the first time. */
const routine = (days: number) => Array.from({ length: days }, (_, d) => [...supportSession(d + 1, 10, 3 + (d % 2)), ...supportSession(d + 1, 15, 3)]).flat();

describe("unusual impersonation against the user's own rate of new accounts", () => {
  it("stays quiet for a support lead who impersonates new accounts every day", () => {
    const out = run([...history(START, 1), ...routine(25), ...supportSession(27, 11, 4)]);
    expect(impersonations(out)).toEqual([]);
  });

  it("alerts a spree of new accounts far beyond that routine, at a usual volume, naming the usual rate", () => {
    // 10 logins as usual (sessions of 9-10), but all 10 accounts new: at medium, ≥ 2 × the usual maximum of 4 new.
    const out = impersonations(run([...history(START, 1), ...routine(25), ...supportSession(27, 11, 10, 0)]));
    expect(new Set(out.map((c) => c.episodeKey)).size).toBe(1);
    expect(out.at(-1)?.explanation).toMatch(/^10 impersonation activities involving 10 accounts .*; 10 accounts new to this user, who usually meets at most 4 new accounts per session$/);
    expect(out.at(-1)?.details).toMatchObject({ reason: "new_accounts", newAccountsBaseline: { max: 4 } });
  });

  it("still alerts 3 new accounts for someone who always impersonates the same ones", () => {
    const regular = Array.from({ length: 20 }, (_, d) => supportSession(d + 1, 10, 0, 3)).flat();
    const out = impersonations(run([...history(START, 1), ...regular, ...supportSession(27, 11, 3, 0)]));
    expect(out.at(-1)?.details).toMatchObject({ reason: "new_accounts", newAccountsBaseline: { max: 0 } });
  });
});
