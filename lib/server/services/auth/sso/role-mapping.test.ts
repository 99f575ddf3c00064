import { describe, expect, it } from "vitest";
import { decideRole, groupsOf } from "./role-mapping";

const MAPPINGS = [
  { group: "wp-admins", role: "admin" },
  { group: "wp-analysts", role: "analyst" },
  { group: "staff", role: "viewer" },
] as const;

describe("groupsOf", () => {
  it("reads an array, a single string, or a dotted path; ignores anything else", () => {
    expect(groupsOf({ groups: ["a", 3, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(groupsOf({ groups: "a" }, "groups")).toEqual(["a"]);
    expect(groupsOf({ realm_access: { roles: ["x"] } }, "realm_access.roles")).toEqual(["x"]);
    expect(groupsOf({ "realm_access.roles": ["exact"] }, "realm_access.roles")).toEqual(["exact"]);
    expect(groupsOf({ groups: { a: 1 } }, "groups")).toEqual([]);
    expect(groupsOf({}, "groups")).toEqual([]);
  });
});

describe("decideRole", () => {
  it("takes the first mapping in order, not the highest role", () => {
    const mappings = [{ group: "staff", role: "viewer" as const }, ...MAPPINGS];
    expect(decideRole({ groups: ["wp-admins", "staff"], mappings, defaultRole: null })).toEqual({ role: "viewer", matchedGroup: "staff" });
    expect(decideRole({ groups: ["wp-analysts", "wp-admins"], mappings: MAPPINGS, defaultRole: null })).toEqual({ role: "admin", matchedGroup: "wp-admins" });
  });

  it("compares group values exactly", () => {
    expect(decideRole({ groups: ["WP-ADMINS"], mappings: MAPPINGS, defaultRole: null })).toEqual({ role: null, matchedGroup: null });
  });

  it("falls back to the default role, or refuses without one", () => {
    expect(decideRole({ groups: ["other"], mappings: MAPPINGS, defaultRole: "viewer" })).toEqual({ role: "viewer", matchedGroup: null });
    expect(decideRole({ groups: [], mappings: [], defaultRole: null })).toEqual({ role: null, matchedGroup: null });
  });
});
