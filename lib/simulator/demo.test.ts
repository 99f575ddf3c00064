import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAtlassianClient } from "../atlassian/client";
import { collectAll } from "../atlassian/pagination";
import { DEMO_API_KEY, DEMO_ORG_ID, demoScenario } from "./demo";
import { startLiveActivity } from "./live-activity";
import { loadScenario } from "./scenario/load-scenario";
import { startSimulator, type TRunningSimulator } from "./start-simulator";
import { createState } from "./state";
import { createClock } from "./test-support";

const DAY = 86_400_000;
let simulator: TRunningSimulator;
const clock = createClock();

beforeAll(async () => {
  simulator = await startSimulator({ demo: true, demoLive: false, now: clock.now });
});
afterAll(() => simulator.close());

describe("demo org", () => {
  it("is served under its fixed id and key with ~200 users on 3 verified and 1 unverified domain", async () => {
    expect(simulator.orgs).toEqual([{ id: DEMO_ORG_ID, name: "Acme Demo", apiKeys: [DEMO_API_KEY] }]);
    const client = createAtlassianClient({ baseUrl: simulator.baseUrl, apiKey: DEMO_API_KEY });
    const domains = (await client.listDomains(DEMO_ORG_ID)).items.map((domain) => domain.attributes.claim.status);
    expect(domains.sort()).toEqual(["unverified", "verified", "verified", "verified"]);
    const directory = await collectAll((cursor) => client.listDirectoryUsers(DEMO_ORG_ID, { cursor }));
    expect(directory).toHaveLength(200);
    const managed = await collectAll((cursor) => client.listManagedUsers(DEMO_ORG_ID, { cursor }));
    expect(managed.length).toBe(directory.filter((user) => user.claimStatus === "managed").length);
    expect(managed.length).toBeLessThan(200);
    expect(directory.filter((user) => user.platformRoles?.includes("atlassian/org-admin"))).toHaveLength(4);
  });

  it("holds 30 days of history up to now, with planted episodes", async () => {
    const client = createAtlassianClient({ baseUrl: simulator.baseUrl, apiKey: DEMO_API_KEY });
    const oldest = await client.pollEventsStream(DEMO_ORG_ID, { limit: 1 });
    const newest = await client.pollEventsStream(DEMO_ORG_ID, { limit: 1, sortOrder: "desc" });
    const oldestMs = Date.parse(oldest.events[0]?.attributes.time ?? "");
    expect(oldestMs).toBeGreaterThanOrEqual(clock.ms - 30 * DAY);
    expect(oldestMs).toBeLessThan(clock.ms - 29 * DAY);
    expect(Date.parse(newest.events[0]?.attributes.processedAt ?? "")).toBeLessThanOrEqual(clock.ms);
    const episodes = (await (await fetch(`${simulator.baseUrl}/__sim/orgs/${DEMO_ORG_ID}/episodes`)).json()) as { episodes: unknown[] };
    expect(episodes.episodes.length).toBeGreaterThan(3);
  });
});

describe("live activity", () => {
  it("adds a few events per second and an attack episode on schedule, never from the future", () => {
    const liveClock = createClock();
    const state = createState({ seed: 1, now: () => liveClock.ms });
    const { world, org } = loadScenario(state, { ...demoScenario(), days: 0 }, { nowMs: liveClock.ms });
    const live = startLiveActivity(org, world, () => liveClock.ms, { eventsPerSecond: 3, episodeIntervalMs: 60_000, firstEpisodeAfterMs: 20_000 });
    live.stop();
    for (let second = 1; second <= 30; second++) {
      liveClock.advance(1000);
      live.tick();
    }
    expect(org.events.size).toBeGreaterThan(50);
    expect(org.events.size).toBeLessThan(200);
    expect(org.episodes.map((episode) => episode.kind)).toEqual(["impossible-travel"]);
    const times = Array.from({ length: org.events.size }, (_, i) => org.events.time[i] ?? 0);
    expect(Math.max(...times)).toBeLessThanOrEqual(liveClock.ms);
  });

  it("never keeps a process alive (unref'd timers)", () => {
    const script = `
      import { startLiveActivity } from "./live-activity.ts";
      import { loadScenario } from "./scenario/load-scenario.ts";
      import { createState } from "./state.ts";
      import { demoScenario } from "./demo.ts";
      const state = createState({ seed: 1, now: Date.now });
      const { world, org } = loadScenario(state, { ...demoScenario(), days: 0 }, { nowMs: Date.now() });
      startLiveActivity(org, world, Date.now, { tickMs: 10 });
    `;
    const cwd = fileURLToPath(new URL(".", import.meta.url));
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd, timeout: 10_000, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
