import { describe, expect, it } from "vitest";
import { parseRange } from "./range";

describe("parseRange", () => {
  it("reads the three single-range forms", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ kind: "partial", start: 0, end: 99 });
    expect(parseRange("bytes=900-", 1000)).toEqual({ kind: "partial", start: 900, end: 999 });
    expect(parseRange("bytes=-100", 1000)).toEqual({ kind: "partial", start: 900, end: 999 });
  });

  it("clamps an end past the file and a suffix longer than it", () => {
    expect(parseRange("bytes=500-5000", 1000)).toEqual({ kind: "partial", start: 500, end: 999 });
    expect(parseRange("bytes=-5000", 1000)).toEqual({ kind: "partial", start: 0, end: 999 });
  });

  it("is unsatisfiable past the end, for an empty suffix and for an empty file", () => {
    expect(parseRange("bytes=1000-", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=1000-1200", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-0", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
  });

  it("ignores what is not one valid byte range (whole file, as RFC 9110 allows)", () => {
    for (const header of [undefined, "", "items=0-1", "bytes=5-1", "bytes=0-1,5-9", "bytes=-", "bytes=a-b"]) {
      expect(parseRange(header, 1000)).toEqual({ kind: "full" });
    }
  });
});
