import { describe, expect, it } from "vitest";
import { splitEvents } from "./split-events";

const event = (attributes: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  id: "e-1",
  type: "events",
  attributes: { time: "2026-01-05T08:14:22.481Z", action: "user_login", actor: { id: "a-1", email: "ada@acme.com" }, ...attributes },
  ...extra,
});

const SITE = { id: "s-1", type: "sites", attributes: { siteHostName: "https://acme.atlassian.net", siteName: "acme" } };
const USER = { id: "u-1", type: "users", attributes: { email: "bob@acme.com" } };

describe("splitEvents: tolerant where the meaning is clear", () => {
  it("accepts context and container as a single object (read as a one-item array) or null (none)", () => {
    const { events, rejected } = splitEvents([event({ context: USER, container: SITE }), event({ context: null, container: [SITE] }, { id: "e-2" })]);
    expect(rejected).toEqual([]);
    expect(events[0]?.attributes.context).toEqual([USER]);
    expect(events[0]?.attributes.container).toEqual([SITE]);
    expect(events[1]?.attributes.context).toBeUndefined();
    expect(events[1]?.attributes.container).toEqual([SITE]);
  });

  it("keeps unknown fields at every level", () => {
    const { events } = splitEvents([event({ context: { ...USER, risk: "high" }, newField: 1 }, { tenant: { id: "t" } })]);
    expect(events[0]).toMatchObject({ tenant: { id: "t" }, attributes: { newField: 1, context: [{ risk: "high" }] } });
  });

  it("accepts geo as coordinates or a region label (both are text on the wire)", () => {
    const { events, rejected } = splitEvents([event({ location: { ip: "203.0.113.24", geo: "EU" } }), event({ location: { geo: "51.5,-0.12" } }, { id: "e-2" })]);
    expect(rejected).toEqual([]);
    expect(events.map((e) => e.attributes.location?.geo)).toEqual(["EU", "51.5,-0.12"]);
  });
});

describe("splitEvents: what cannot be understood is rejected with the reason, the rest kept", () => {
  it("rejects an event of an unexpected shape with its id and the first problem", () => {
    const bad = event({ action: { key: "user_login" } }, { id: "bad-1" });
    const { events, rejected } = splitEvents([event(), bad, event({}, { id: "e-3" })]);
    expect(events.map((e) => e.id)).toEqual(["e-1", "e-3"]);
    expect(rejected).toEqual([{ id: "bad-1", raw: bad, reason: "attributes.action: Invalid input: expected string, received object" }]);
  });

  it("rejects a context that is neither an array nor an object, and items that are not events at all", () => {
    const { rejected } = splitEvents([event({ context: 42 }), "just text", { id: 7, type: "events" }, { id: "x".repeat(201) }]);
    expect(rejected.map((r) => [r.id, r.reason])).toEqual([
      ["e-1", "attributes.context: expected an array of resources or a single resource"],
      [null, "(event): Invalid input: expected object, received string"],
      [null, "id: Invalid input: expected string, received number"],
      [null, expect.stringMatching(/^type: /)],
    ]);
  });
});
