import { describe, expect, it } from "vitest";
import { hasNulCharacter, MAX_QUARANTINE_RAW_BYTES, toQuarantineRow } from "./quarantine-row";

describe("toQuarantineRow", () => {
  it("keys by event id and keeps the raw JSON and the reason", () => {
    const raw = { id: "e-1", type: "events", attributes: { action: { key: "x" } } };
    expect(toQuarantineRow({ id: "e-1", raw, reason: "attributes.action: bad" })).toEqual({
      quarantineKey: "e-1",
      eventId: "e-1",
      reason: "attributes.action: bad",
      raw: JSON.stringify(raw),
      rawTruncated: false,
      rawBytes: JSON.stringify(raw).length,
    });
  });

  it("keys an event without an id by a hash of its JSON: the same content, the same key", () => {
    const a = toQuarantineRow({ id: null, raw: "just text", reason: "r" });
    expect(a.quarantineKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(toQuarantineRow({ id: null, raw: "just text", reason: "r" }).quarantineKey).toBe(a.quarantineKey);
    expect(toQuarantineRow({ id: null, raw: "other", reason: "r" }).quarantineKey).not.toBe(a.quarantineKey);
  });

  it("cuts the raw JSON at 64 KB and says so, with the full size", () => {
    const row = toQuarantineRow({ id: "big", raw: { blob: "é".repeat(MAX_QUARANTINE_RAW_BYTES) }, reason: "r" });
    expect(row.rawTruncated).toBe(true);
    expect(Buffer.byteLength(row.raw)).toBeLessThanOrEqual(MAX_QUARANTINE_RAW_BYTES + 2);
    expect(row.rawBytes).toBe(Buffer.byteLength(JSON.stringify({ blob: "é".repeat(MAX_QUARANTINE_RAW_BYTES) })));
  });

  it("never hands PostgreSQL a NUL character, and finds one anywhere in an event", () => {
    const row = toQuarantineRow({ id: "a\u0000b", raw: { x: "\u0000" }, reason: "bad \u0000" });
    expect([row.eventId, row.reason, row.raw.includes("\u0000")]).toEqual(["a\uFFFDb", "bad \uFFFD", false]);
    expect(hasNulCharacter({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toBe(true);
    expect(hasNulCharacter({ ["k\u0000"]: 1 })).toBe(true);
    expect(hasNulCharacter({ a: ["\\u0000 is only text here"], n: 1, z: null })).toBe(false);
  });
});
