import { describe, expect, it } from "vitest";
import { hasRole, isRole, ROLES } from "./roles";

describe("roles", () => {
  it.each([
    ["admin", "admin", true],
    ["admin", "analyst", true],
    ["admin", "viewer", true],
    ["analyst", "admin", false],
    ["analyst", "analyst", true],
    ["analyst", "viewer", true],
    ["viewer", "admin", false],
    ["viewer", "analyst", false],
    ["viewer", "viewer", true],
  ] as const)("%s has %s: %s", (role, required, expected) => {
    expect(hasRole(role, required)).toBe(expected);
  });

  it("recognises only the three roles", () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const value of ["root", "", "Admin", null, 1]) expect(isRole(value)).toBe(false);
  });
});
