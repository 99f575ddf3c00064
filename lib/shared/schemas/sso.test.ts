import { describe, expect, it } from "vitest";
import { ZSaveOidcInput, ZSsoPolicyInput } from "./sso";

const VALID = { displayName: "Acme", issuer: "https://login.example.com/realms/acme", clientId: "watchpost", groupsClaim: "groups" };

const issuesOf = (value: unknown) => {
  const result = ZSaveOidcInput.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("ZSaveOidcInput", () => {
  it("accepts a connection and defaults the scopes", () => {
    expect(ZSaveOidcInput.parse(VALID)).toMatchObject({ scopes: "openid email profile", issuer: VALID.issuer });
  });

  it("names the field of each mistake, without throwing on what is not a URL", () => {
    expect(issuesOf({ ...VALID, issuer: "nope" })).toEqual(["issuer: Issuer URL must be a URL, e.g. https://login.example.com/realms/acme"]);
    expect(issuesOf({ ...VALID, issuer: "ftp://idp.example" })).toEqual(["issuer: Issuer URL must start with https://"]);
    expect(issuesOf({ ...VALID, issuer: "https://idp.example/?tenant=1" })).toEqual(["issuer: Issuer URL must not have a query or fragment"]);
    expect(issuesOf({ ...VALID, issuer: "https://user:pw@idp.example" })).toEqual(["issuer: Issuer URL must not contain credentials"]);
    expect(issuesOf({ ...VALID, scopes: "email profile" })).toEqual(["scopes: Scopes must include openid"]);
    expect(issuesOf({ ...VALID, groupsClaim: "has space" })).toEqual(["groupsClaim: Groups claim is a claim name such as groups or roles"]);
  });
});

describe("ZSsoPolicyInput", () => {
  it("takes ordered mappings to known roles and a nullable default role", () => {
    expect(ZSsoPolicyInput.safeParse({ roleMappings: [{ group: "a", role: "admin" }], defaultRole: null, requireSso: false }).success).toBe(true);
    expect(ZSsoPolicyInput.safeParse({ roleMappings: [{ group: "a", role: "owner" }], defaultRole: null, requireSso: false }).success).toBe(false);
    expect(ZSsoPolicyInput.safeParse({ roleMappings: [{ group: " ", role: "viewer" }], defaultRole: "viewer", requireSso: true }).success).toBe(false);
  });
});
