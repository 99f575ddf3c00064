import { describe, expect, it } from "vitest";
import { hasDecodablePath } from "./malformed-url";

describe("hasDecodablePath", () => {
  it("accepts ordinary and well-encoded paths", () => {
    expect(hasDecodablePath("/")).toBe(true);
    expect(hasDecodablePath("/api/v1/alerts/6c1c1b7e-0000-4000-8000-000000000000?x=%ZZ")).toBe(true);
    expect(hasDecodablePath("/users/%E4%B8%AD%F0%9F%98%80%25")).toBe(true);
  });

  it("refuses escapes that are not UTF-8 or not escapes", () => {
    expect(hasDecodablePath("/api/v1/alerts/%ED%A0%80")).toBe(false);
    expect(hasDecodablePath("/api/v1/alerts/%")).toBe(false);
    expect(hasDecodablePath("/api/v1/alerts/%zz")).toBe(false);
    expect(hasDecodablePath("/api/v1/alerts/%E0%A4%A")).toBe(false);
    expect(hasDecodablePath("/alerts/%FF")).toBe(false);
  });
});
