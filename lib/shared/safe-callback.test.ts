import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath", () => {
  it.each(["/alerts", "/alerts?status=open#top", "/users/1"])("keeps the same-origin path %s", (path) => {
    expect(safeCallbackPath(path)).toBe(path);
  });

  it.each([
    "/\\evil.example/phish",
    "//evil.example/phish",
    "\\\\evil.example",
    "/.//evil.example",
    " //evil.example",
    "\t/\\evil.example",
    "https://evil.example/phish",
    "javascript:alert(1)",
    "data:text/html,hi",
    "http://watchpost.invalid@evil.example/",
  ])("sends %j to /", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });

  it("lets an absolute URL of the site itself through, as a path", () => {
    expect(safeCallbackPath("https://portal.example/alerts?x=1", "https://portal.example")).toBe("/alerts?x=1");
    expect(safeCallbackPath("https://evil.example/alerts", "https://portal.example")).toBe("/");
  });
});
