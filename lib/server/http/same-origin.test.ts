import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./same-origin";

const request = (headers: Record<string, string>) => new Request("http://localhost:3000/api/v1/portal-users", { method: "POST", headers });

describe("isSameOrigin", () => {
  it("accepts a matching Origin", () => {
    expect(isSameOrigin(request({ host: "localhost:3000", origin: "http://localhost:3000" }))).toBe(true);
  });
  it("refuses another site's Origin", () => {
    expect(isSameOrigin(request({ host: "localhost:3000", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(request({ host: "localhost:3000", origin: "null" }))).toBe(false);
  });
  it("falls back to Sec-Fetch-Site without an Origin", () => {
    expect(isSameOrigin(request({ "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(request({ "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(request({}))).toBe(true);
  });
});
