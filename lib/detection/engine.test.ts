import { describe, expect, it } from "vitest";
import { runDetection } from "./engine";
import { EMPTY_DIRECTORY } from "./policy-config";
import { activity, builtinPolicies, history } from "./testing/activity-factory";
import type { TDetectionActivity } from "./types";

const run = (activities: TDetectionActivity[], policies = builtinPolicies(), states = new Map<string, unknown>()) =>
  runDetection({ activities, policies, directory: EMPTY_DIRECTORY, states, isLive: true });

const START = "2026-01-01T00:00:00Z";
const DAY10 = "2026-01-11";

describe("impossible travel", () => {
  it("alerts London → Sydney in 45 min with a checkable explanation", () => {
    const out = run([...history(START, 10), activity({ at: `${DAY10}T09:02:00Z` }), activity({ at: `${DAY10}T09:47:00Z`, place: "sydney" })]);
    const travel = out.candidates.filter((c) => c.policyKey === "impossible_travel");
    expect(travel).toHaveLength(1);
    expect(travel[0]?.explanation).toMatch(/^London 09:02 → Sydney 09:47: 16,9\d\d km in 45 min \(22,\d{3} km\/h\)/);
  });

  it("does not alert for bordering countries, both-VPN hops, or during learning", () => {
    expect(run([...history(START, 10), activity({ at: `${DAY10}T09:00:00Z`, place: "paris" })]).candidates.filter((c) => c.policyKey === "impossible_travel")).toEqual([]);
    const vpn = run([
      ...history(START, 10),
      activity({ at: `${DAY10}T09:00:00Z`, ipCategory: "vpn" }),
      activity({ at: `${DAY10}T09:10:00Z`, place: "newYork", ipCategory: "vpn" }),
    ]);
    expect(vpn.candidates.filter((c) => c.policyKey === "impossible_travel")).toEqual([]);
    const learning = run([activity({ at: `${START}` }), activity({ at: "2026-01-01T00:20:00Z", place: "sydney" })]);
    expect(learning.candidates).toEqual([]);
  });

  it("never alerts bordering countries, even at high sensitivity", () => {
    const seattle = { ip: "203.0.113.5", countryCode: "US", country: "United States", city: "Seattle", lat: 47.6062, lon: -122.3321 };
    const calgary = { ip: "100.64.1.1", countryCode: "CA", country: "Canada", city: "Calgary", lat: 51.0447, lon: -114.0719 };
    const hops = [...history(START, 10), activity({ at: `${DAY10}T09:00:00Z`, ...seattle }), activity({ at: `${DAY10}T09:20:00Z`, ...calgary })];
    expect(run(hops, builtinPolicies({ sensitivity: "high" })).candidates.filter((c) => c.policyKey === "impossible_travel")).toEqual([]);
    const far = [...history(START, 10), activity({ at: `${DAY10}T09:00:00Z`, ...seattle }), activity({ at: `${DAY10}T09:20:00Z`, place: "paris" })];
    expect(run(far, builtinPolicies({ sensitivity: "high" })).candidates.filter((c) => c.policyKey === "impossible_travel")).toHaveLength(1);
  });

  it("alerts both-corporate hops only at high sensitivity", () => {
    const hops = () => [...history(START, 10), activity({ at: `${DAY10}T09:00:00Z`, ipCategory: "corporate" }), activity({ at: `${DAY10}T09:30:00Z`, place: "sydney", ipCategory: "corporate" })];
    expect(run(hops()).candidates.filter((c) => c.policyKey === "impossible_travel")).toHaveLength(0);
    expect(run(hops(), builtinPolicies({ sensitivity: "high" })).candidates.filter((c) => c.policyKey === "impossible_travel")).toHaveLength(1);
  });
});

describe("failed logins", () => {
  it("raises one alert per session that keeps growing, and none for the usual 2-3", () => {
    const usual = [...history(START, 10), ...[0, 1, 2].map((i) => activity({ at: `${DAY10}T08:0${i}:00Z`, action: "user_login_failed" }))];
    expect(run(usual).candidates).toEqual([]);
    const attack = [...history(START, 10), ...Array.from({ length: 31 }, (_, i) => activity({ at: new Date(Date.parse(`${DAY10}T09:00:00Z`) + i * 12_000), action: "user_login_failed" }))];
    const out = run(attack).candidates.filter((c) => c.policyKey === "failed_logins");
    expect(new Set(out.map((c) => c.episodeKey)).size).toBe(1);
    expect(out.at(-1)?.explanation).toMatch(/^31 failed logins in 6 min .*this user had no failed login in the previous 30 days/);
  });
});

describe("incremental processing", () => {
  it("gives the same alerts whether activities come in one batch or many", () => {
    const all = [
      ...history(START, 10),
      activity({ at: `${DAY10}T09:02:00Z` }),
      activity({ at: `${DAY10}T09:47:00Z`, place: "sydney" }),
      ...Array.from({ length: 20 }, (_, i) => activity({ at: new Date(Date.parse(`${DAY10}T12:00:00Z`) + i * 5_000), action: "user_login_failed" })),
    ];
    const once = run(all);
    let states = new Map<string, unknown>();
    const keys = new Set<string>();
    for (let i = 0; i < all.length; i += 3) {
      const out = run(all.slice(i, i + 3), builtinPolicies(), states);
      out.candidates.forEach((c) => keys.add(c.episodeKey));
      states = new Map([...states, ...JSON.parse(JSON.stringify([...out.states]))]);
    }
    expect(keys).toEqual(new Set(once.candidates.map((c) => c.episodeKey)));
  });
});

describe("unusual admin and impersonation", () => {
  it("flags an admin spree against none in 30 days", () => {
    const spree = Array.from({ length: 14 }, (_, i) =>
      activity({ at: new Date(Date.parse(`${DAY10}T10:00:00Z`) + i * 80_000), action: ["org_admin_granted", "api_key_created", "two_step_verification_disabled", "user_access_suspended", "api_key_revoked"][i % 5] }),
    );
    const out = run([...history(START, 10), ...spree]).candidates.filter((c) => c.policyKey === "unusual_admin");
    expect(out.at(-1)?.explanation).toMatch(/^14 admin actions of 5 kinds in 17 min; none in the previous 30 days/);
  });

  it("flags a first impersonation spree", () => {
    const imp = [0, 1, 2].flatMap((i) => [
      activity({ at: new Date(Date.parse(`${DAY10}T10:00:00Z`) + i * 120_000), action: "user_logged_in_as_user", targetName: `v${i}@acme.test` }),
      activity({ at: new Date(Date.parse(`${DAY10}T10:01:00Z`) + i * 120_000), action: "user_email_changed", onBehalfOfId: `v${i}`, targetName: `v${i}@acme.test` }),
    ]);
    const out = run([...history(START, 10), ...imp]).candidates.filter((c) => c.policyKey === "unusual_impersonation");
    expect(new Set(out.map((c) => c.episodeKey)).size).toBe(1);
    expect(out.at(-1)?.explanation).toMatch(/^6 impersonation activities involving 3 accounts/);
  });
});

describe("risky IPs and countries", () => {
  it("alerts a Tor session once, without learning, ignoring failed logins", () => {
    const tor = { ipTags: ["tor"], ipCategory: "risky" };
    const out = run([
      activity({ at: `${START}`, ...tor, action: "user_login_failed" }),
      activity({ at: "2026-01-01T00:01:00Z", ...tor }),
      activity({ at: "2026-01-01T00:05:00Z", ...tor, action: "user_email_changed" }),
    ]).candidates;
    expect(out.map((c) => c.policyKey)).toEqual(["anonymous_ip", "anonymous_ip"]);
    expect(out[1]?.explanation).toMatch(/^2 activities from 81\.2\.69\.142 tagged tor/);
  });

  it("alerts a country new to the user after learning", () => {
    const out = run([...history(START, 10), activity({ at: `${DAY10}T23:00:00Z`, place: "lagos" })]).candidates.filter((c) => c.policyKey === "infrequent_country");
    expect(out).toHaveLength(1);
    expect(out[0]?.explanation).toMatch(/Lagos, Nigeria .*no other country in the previous 30 days|this user's countries in the previous 30 days: United Kingdom/);
  });
});
