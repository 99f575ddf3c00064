import { describe, expect, it } from "vitest";
import { startupSecretProblem } from "./require-secret";

describe("startupSecretProblem", () => {
  it("refuses a missing secret with one line", () => {
    const problem = startupSecretProblem({});
    expect(problem).toMatch(/^WATCHPOST_SECRET is not set/);
    expect(problem).not.toContain("\n");
  });

  it("refuses a repeated secret", () => {
    expect(startupSecretProblem({ WATCHPOST_SECRET: "secret".repeat(8) })).toMatch(/WATCHPOST_SECRET: looks repeated or too predictable/);
  });

  it("accepts 32 random bytes", () => {
    expect(startupSecretProblem({ WATCHPOST_SECRET: "q3Zb8vN1xP0eW7kR4tY9uI2oA6sD5fG_hJ-lK3zXcV8" })).toBeNull();
  });
});
