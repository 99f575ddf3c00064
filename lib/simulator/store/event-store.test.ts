import { describe, expect, it } from "vitest";
import type { TEvent } from "../../atlassian/schemas/events";
import { ZEvent } from "../../atlassian/schemas/events";
import { loginEvent } from "../test-support";
import { ByteWriter } from "./byte-writer";
import { serializeEvent } from "./event-serializer";
import { EventStore } from "./event-store";

const T = Date.parse("2026-01-05T08:00:00.000Z");
const at = (event: TEvent, processedAtMs: number): TEvent => ({ ...event, attributes: { ...event.attributes, processedAt: new Date(processedAtMs).toISOString() } });
const SELF = { selfPrefix: Buffer.from("http://sim/admin/v1/orgs/o/events/"), withProcessedAt: true };

describe("EventStore", () => {
  it("keeps (processedAt, insertion) order when events arrive out of order", () => {
    const store = new EventStore();
    store.append([at(loginEvent("b", T), T + 2000), at(loginEvent("a", T), T + 1000)], 0);
    store.append([at(loginEvent("c", T), T + 1500), at(loginEvent("d", T), T + 2000)], 0);
    expect(store.ids).toEqual(["a", "c", "b", "d"]);
    expect(store.firstAfter(T + 2000, store.seq[2] ?? 0)).toBe(3);
    expect(store.firstAtOrAfterTime(T + 1500)).toBe(1);
    expect(store.firstAfterTime(T + 1500)).toBe(2);
    expect(store.positionOf("c")).toBe(1);
    expect(store.positionOf("zzz")).toBe(-1);
  });

  it("grows past its initial capacity", () => {
    const store = new EventStore();
    store.append(Array.from({ length: 3000 }, (_, i) => loginEvent(`e${i}`, T + i)), T);
    expect(store.size).toBe(3000);
    expect(store.ids[2999]).toBe("e2999");
    expect(store.actors.size).toBe(1);
  });

  it("orders /events by time, newest first", () => {
    const store = new EventStore();
    store.append([loginEvent("old", T - 5000), loginEvent("new", T), loginEvent("mid", T - 1000)], T);
    expect([...store.timeOrder()].map((position) => store.ids[position])).toEqual(["new", "mid", "old"]);
  });

  it("serializes back to the stored event, extra attributes and odd ids included", () => {
    const store = new EventStore();
    const odd = loginEvent('id with "quotes"/slash', T);
    const withExtra = { ...loginEvent("x", T), attributes: { ...loginEvent("x", T).attributes, customField: { a: 1 } } };
    store.append([odd, withExtra], T + 5);
    const first = JSON.parse(serializeEvent(store, 0, SELF).toString()) as TEvent;
    expect(first.id).toBe(odd.id);
    expect(first.links?.self).toBe(`http://sim/admin/v1/orgs/o/events/${encodeURIComponent(odd.id)}`);
    expect(first.attributes).toEqual({ ...odd.attributes, processedAt: new Date(T + 5).toISOString() });
    const second = ZEvent.parse(JSON.parse(serializeEvent(store, 1, { ...SELF, withProcessedAt: false }).toString()));
    expect(second.attributes).toEqual(withExtra.attributes);
    expect(second.message).toEqual(withExtra.message);
  });
});

describe("ByteWriter.putIsoDate", () => {
  it("matches Date#toISOString", () => {
    const samples = [0, 951_782_400_000, 1_767_225_600_000, 4_102_444_799_999, 1_709_164_800_123];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(((i * 7919) % 2000) * 2_000_000_000 + i * 37));
    for (const ms of samples) {
      const writer = new ByteWriter(32).reserve(24).putIsoDate(ms);
      expect(writer.result().toString("latin1")).toBe(new Date(ms).toISOString());
    }
  });
});
