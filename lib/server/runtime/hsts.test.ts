import { describe, expect, it } from "vitest";
import { isServedOverHttps, STRICT_TRANSPORT_SECURITY } from "./hsts";

describe("isServedOverHttps (HSTS in scripts/web.ts)", () => {
  it("is on for an https site URL, whatever the headers say", () => {
    expect(isServedOverHttps({ siteUrl: "https://watchpost.example", trustProxy: false })).toBe(true);
    expect(isServedOverHttps({ siteUrl: "https://watchpost.example", trustProxy: false, forwardedProto: "http" })).toBe(true);
  });

  it("follows X-Forwarded-Proto only behind a trusted proxy", () => {
    expect(isServedOverHttps({ siteUrl: "http://localhost:3000", trustProxy: false, forwardedProto: "https" })).toBe(false);
    expect(isServedOverHttps({ trustProxy: true, forwardedProto: "https" })).toBe(true);
    expect(isServedOverHttps({ trustProxy: true, forwardedProto: "HTTPS" })).toBe(true);
    expect(isServedOverHttps({ trustProxy: true, forwardedProto: "https, http" })).toBe(true);
    expect(isServedOverHttps({ trustProxy: true, forwardedProto: ["https"] })).toBe(true);
  });

  it("is off over plain http", () => {
    expect(isServedOverHttps({ siteUrl: "http://localhost:3000", trustProxy: true })).toBe(false);
    expect(isServedOverHttps({ trustProxy: true, forwardedProto: "http" })).toBe(false);
    expect(isServedOverHttps({ trustProxy: true, forwardedProto: "http, https" })).toBe(false);
    expect(isServedOverHttps({ trustProxy: true, forwardedProto: "" })).toBe(false);
  });

  it("asks for a year, subdomains included", () => {
    expect(STRICT_TRANSPORT_SECURITY).toMatch(/max-age=31536000/);
    expect(STRICT_TRANSPORT_SECURITY).toMatch(/includeSubDomains/);
  });
});
