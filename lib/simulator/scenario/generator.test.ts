import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR_NAME } from "../../atlassian/event-actions";
import { ZEvent, type TEvent } from "../../atlassian/schemas/events";
import { demoScenario } from "../demo";
import { EPISODE_KINDS } from "./episode-label";
import { generateHistory } from "./generator";
import { ZScenario, type TScenario } from "./schema";
import { buildWorld } from "./world";

const readScenario = (name: string): TScenario =>
  ZScenario.parse(JSON.parse(readFileSync(new URL(`../../../docs/scenarios/${name}`, import.meta.url), "utf8")));

const generate = (scenario: TScenario, seed: number, options: { maxEvents?: number } = {}) => {
  const world = buildWorld(scenario, seed);
  const batches = [...generateHistory(world, { startMs: Date.parse(scenario.start ?? "2026-01-01T00:00:00Z"), ...options })];
  return { world, events: batches.flatMap((batch) => batch.events), labels: batches.flatMap((batch) => batch.labels) };
};

describe("scenario files", () => {
  it("validates the documented examples and rejects a broken one", () => {
    expect(readScenario("acme.json").org.users).toHaveLength(3);
    expect(readScenario("custom-pools.json").ipPools).toHaveLength(3);
    const broken = ZScenario.safeParse({ org: { id: "x", name: "x", apiKeys: [] }, episodes: [{ kind: "alien-invasion", at: "soon" }] });
    expect(broken.success).toBe(false);
  });
});

describe("generateHistory", () => {
  const acme = readScenario("acme.json");

  it("is deterministic: same seed, same events; another seed, other events", () => {
    const first = generate(acme, 42);
    const again = generate(acme, 42);
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(first.events));
    expect(again.labels).toEqual(first.labels);
    expect(generate(acme, 43).events.map((event) => event.id)).not.toEqual(first.events.map((event) => event.id));
  });

  it("makes valid, processedAt-ordered events inside the scenario's days", () => {
    const { events } = generate(acme, 42);
    expect(events.length).toBeGreaterThan(1000);
    const start = Date.parse(acme.start ?? "");
    let previous = 0;
    for (const event of events) {
      expect(ZEvent.safeParse(event).success).toBe(true);
      const time = Date.parse(event.attributes.time);
      const processed = Date.parse(event.attributes.processedAt ?? "");
      expect(time).toBeGreaterThanOrEqual(start);
      expect(time).toBeLessThan(start + 14 * 86_400_000);
      expect(processed).toBeGreaterThanOrEqual(time);
      expect(processed).toBeGreaterThanOrEqual(previous);
      previous = processed;
    }
  });

  it("has background variety: failures, admin work, token use, system events, unmanaged actors", () => {
    const { events } = generate(acme, 42);
    const actions = new Set(events.map((event) => event.attributes.action));
    for (const action of ["user_login", "user_login_failed", "user_added_to_group", "product_access_granted"]) expect(actions).toContain(action);
    expect(events.some((event) => event.attributes.actor.auth?.tokenId)).toBe(true);
    const system = events.filter((event) => event.attributes.actor.name === SYSTEM_ACTOR_NAME);
    expect(system.length).toBeGreaterThan(0);
    expect(system.every((event) => event.attributes.actor.email === undefined && event.attributes.location === undefined)).toBe(true);
    expect(events.some((event) => event.attributes.actor.email?.endsWith("@acme-partners.example"))).toBe(true);
  });

  it("plants the scenario's episodes with labels pointing at their events", () => {
    const { events, labels } = generate(acme, 42);
    const byId = new Map<string, TEvent>(events.map((event) => [event.id, event]));
    const spray = labels.find((label) => label.label === "Password spray against Bob");
    expect(spray?.kind).toBe("brute-force");
    const sprayEvents = spray?.eventIds.map((id) => byId.get(id)) ?? [];
    expect(sprayEvents.filter((event) => event?.attributes.action === "user_login_failed").length).toBeGreaterThanOrEqual(12);
    expect(new Set(sprayEvents.map((event) => event?.attributes.location?.ip)).size).toBe(1);
    const travel = labels.find((label) => label.kind === "impossible-travel");
    const countries = new Set(travel?.eventIds.map((id) => byId.get(id)?.attributes.location?.countryName));
    expect(countries.size).toBe(2);
    expect(labels.find((label) => label.kind === "admin-spree")?.eventIds.length).toBeGreaterThanOrEqual(15);
  });

  it("can plant every kind of episode, and emits exactly maxEvents when asked", () => {
    const scenario = ZScenario.parse({ ...demoScenario(), randomEpisodes: { perDay: 4, afterDays: 0 } });
    const { events, labels } = generate({ ...scenario, start: "2026-03-01T00:00:00.000Z" }, 5, { maxEvents: 20_000 });
    expect(events).toHaveLength(20_000);
    expect(new Set(labels.map((label) => label.kind))).toEqual(new Set(EPISODE_KINDS));
    const ids = new Set(events.map((event) => event.id));
    expect(labels.every((label) => label.eventIds.every((id) => ids.has(id)))).toBe(true);
    const impersonation = labels.find((label) => label.kind === "impersonation");
    const onBehalf = events.filter((event) => impersonation?.eventIds.includes(event.id) && event.attributes.actor.onBehalfOf);
    expect(onBehalf.length).toBeGreaterThan(0);
  });

  it("uses a scenario's own IP pools", () => {
    const { events } = generate(readScenario("custom-pools.json"), 7);
    const ips = events.flatMap((event) => (event.attributes.location?.ip ? [event.attributes.location.ip] : []));
    expect(ips.length).toBeGreaterThan(0);
    expect(ips.every((ip) => ip.startsWith("203.0.113.") || ip.startsWith("100.90.") || ip.startsWith("100.91."))).toBe(true);
    expect(events.some((event) => event.attributes.location?.city === "Perth")).toBe(true);
  });
});
