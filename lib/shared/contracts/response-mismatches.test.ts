import { z } from "zod";
import { describe, expect, it } from "vitest";
import { responseMismatches } from "./response-mismatches";

const ZItem = z.object({ id: z.string(), tags: z.array(z.object({ name: z.string() })), extra: z.record(z.string(), z.unknown()).optional() });
const ZPage = z.object({ data: z.array(ZItem), nextCursor: z.string().nullable() });

describe("responseMismatches", () => {
  it("is empty for a matching body", () => {
    expect(responseMismatches(ZPage, { data: [{ id: "a", tags: [{ name: "x" }], extra: { anything: 1 } }], nextCursor: null })).toEqual([]);
  });

  it("names zod's issues with their path", () => {
    expect(responseMismatches(ZPage, { data: [{ id: 1, tags: [] }], nextCursor: null })).toEqual(["data.0.id: Invalid input: expected string, received number"]);
  });

  it("names keys the schema does not declare, at any depth (zod would strip them silently)", () => {
    const body = { data: [{ id: "a", tags: [{ name: "x", colour: "red" }], secret: "s" }], nextCursor: null, total: 3 };
    expect(responseMismatches(ZPage, body)).toEqual(["data[0].tags[0].colour: not in the response schema", "data[0].secret: not in the response schema", "total: not in the response schema"]);
  });

  it("leaves records and unknown values alone", () => {
    expect(responseMismatches(z.record(z.string(), z.unknown()), { a: { b: 1 } })).toEqual([]);
  });
});
