import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeUser } from "../../../../testing/factories";
import { resetDatabase } from "../../../../testing/reset-database";
import { startSamlTestIdp, type TSamlTamper, type TSamlTestIdp } from "../../../../testing/saml-test-idp";
import { listAuditEvents } from "../../../repositories/audit-repository";
import { findSsoConfig } from "../../../repositories/sso-config-repository";
import { updateUser } from "../../../repositories/user-repository";
import { findSsoUserByEmail } from "../../../repositories/user-sso-repository";
import { setTemporaryPassword } from "../../users/set-temporary-password";
import { changePassword } from "../change-password";
import { completeSamlSignIn } from "./complete-saml-sign-in";
import { removeSsoConnection } from "./remove-sso-connection";
import { saveSamlConnection } from "./save-saml-connection";
import { saveSsoPolicy } from "./save-sso-policy";
import { samlSpMetadataXml, samlSpUrls } from "./saml-service-provider";
import { setUserBreakGlass } from "./set-break-glass";
import { startSamlSignIn } from "./start-saml-sign-in";

let idp: TSamlTestIdp;

beforeAll(async () => {
  idp = await startSamlTestIdp({
    users: {
      ann: { email: "ann@acme.test", name: "Ann Analyst", groups: ["wp-analysts", "staff"] },
      vic: { email: "vic@acme.test", name: "Vic Viewer", groups: ["staff"] },
      cat: { email: "cat@acme.test", name: "Cat Contractor", groups: ["contractors"] },
    },
  });
});
afterAll(() => idp.close());
beforeEach(async () => {
  await resetDatabase();
  idp.setTamper("none");
});

const MAPPINGS = [
  { group: "wp-admins", role: "admin" as const },
  { group: "wp-analysts", role: "analyst" as const },
  { group: "staff", role: "viewer" as const },
];

const configure = async (defaultRole: "viewer" | null = null) => {
  const { principal } = await makeUser("admin");
  await saveSamlConnection({ actor: principal, input: { displayName: "Acme SAML", metadataUrl: idp.metadataUrl, groupsAttribute: "groups" } });
  await saveSsoPolicy({ actor: principal, input: { roleMappings: MAPPINGS, defaultRole, requireSso: false } });
  return principal;
};

/** A full round: Watchpost's AuthnRequest, the IdP's signed Response for `login`, posted to the ACS. */
const signInAs = async (login: string, tamper: TSamlTamper = "none") => {
  idp.setTamper(tamper);
  const url = await startSamlSignIn({ returnPath: "/alerts" });
  if (!url) throw new Error("no SAML connection");
  const posted = idp.respond(url, login);
  expect(posted.acsUrl).toBe(samlSpUrls().acsUrl);
  return { posted, result: await completeSamlSignIn({ samlResponse: posted.samlResponse, relayState: posted.relayState, ip: "10.1.2.3" }) };
};

const lastRefusal = async () => (await listAuditEvents({ limit: 1, action: "auth.sso_refused" })).rows[0]?.details as Record<string, unknown> | undefined;

describe("saveSamlConnection", () => {
  it("reads the IdP metadata from its URL or from uploaded XML, and refuses what is not IdP metadata", async () => {
    const { principal } = await makeUser("admin");
    const settings = await saveSamlConnection({ actor: principal, input: { displayName: "Acme SAML", metadataUrl: idp.metadataUrl, groupsAttribute: "groups" } });
    expect(settings.saml).toMatchObject({ displayName: "Acme SAML", idpEntityId: idp.entityId, metadataUrl: idp.metadataUrl, groupsAttribute: "groups" });
    expect(settings.saml?.certificates[0]?.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const uploaded = await saveSamlConnection({ actor: principal, input: { displayName: "Acme uploaded", metadataXml: idp.metadataXml, groupsAttribute: "groups" } });
    expect(uploaded.saml).toMatchObject({ displayName: "Acme uploaded", metadataUrl: null });
    await expect(saveSamlConnection({ actor: principal, input: { displayName: "x", metadataXml: "<html/>", groupsAttribute: "groups" } })).rejects.toMatchObject({
      code: "bad_request",
      invalidParams: [{ name: "metadataXml" }],
    });
    await expect(
      saveSamlConnection({ actor: principal, input: { displayName: "x", metadataXml: idp.metadataXml.replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, ""), groupsAttribute: "groups" } }),
    ).rejects.toThrow(/no signing certificate/);
    const [event] = (await listAuditEvents({ limit: 1, action: "sso.configured" })).rows;
    expect(event?.details).toMatchObject({ protocol: "saml", idpEntityId: idp.entityId });
  });

  it("publishes SP metadata with the entity ID, the ACS URL and signed assertions wanted", () => {
    const xml = samlSpMetadataXml();
    const { entityId, acsUrl } = samlSpUrls();
    expect(xml).toContain(`entityID="${entityId}"`);
    expect(xml).toContain(`Location="${acsUrl}"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
  });
});

describe("completeSamlSignIn", () => {
  it("creates the user with the mapped role from a signed assertion, then re-evaluates the role at the next sign-in (audited with the NameID)", async () => {
    await configure();
    const { result } = await signInAs("ann");
    expect(result).toMatchObject({ ok: true, relayState: "/alerts", user: { email: "ann@acme.test", name: "Ann Analyst", role: "analyst" } });
    const [signIn] = (await listAuditEvents({ limit: 1, action: "auth.sso_sign_in" })).rows;
    expect(signIn?.details).toMatchObject({ issuer: idp.entityId, subject: "ann", role: "analyst", matchedGroup: "wp-analysts" });

    idp.setUser("ann", { email: "ann@acme.test", name: "Ann Analyst", groups: ["staff"] });
    const again = await signInAs("ann");
    expect(again.result).toMatchObject({ ok: true, user: { role: "viewer" } });
    const [change] = (await listAuditEvents({ limit: 1, action: "user.role_changed" })).rows;
    expect(change?.details).toMatchObject({ from: "analyst", to: "viewer", via: "sso", subject: "ann" });
    idp.setUser("ann", { email: "ann@acme.test", name: "Ann Analyst", groups: ["wp-analysts", "staff"] });
  });

  it("refuses a user in no mapped group, or gives the default role when the admin chose one", async () => {
    const admin = await configure();
    expect((await signInAs("cat")).result).toMatchObject({ ok: false, code: "SsoNoRole" });
    expect(await lastRefusal()).toMatchObject({ reason: "no_mapped_group", subject: "cat" });
    expect(await findSsoUserByEmail("cat@acme.test")).toBeNull();
    await saveSsoPolicy({ actor: admin, input: { roleMappings: MAPPINGS, defaultRole: "viewer", requireSso: false } });
    expect((await signInAs("cat")).result).toMatchObject({ ok: true, user: { role: "viewer" } });
  });

  it.each([
    ["audience", "SsoTokenAudience", /audience mismatch/],
    ["expired", "SsoTokenExpired", /expired|subject confirmation/],
    ["signature", "SsoTokenSignature", /Invalid signature/],
    ["unsigned", "SsoTokenSignature", /not signed/],
    ["recipient", "SsoTokenRecipient", /Recipient https:\/\/another-service\.example/],
  ] as const)("refuses a Response tampered with (%s), audited, and creates nobody", async (tamper, code, detail) => {
    await configure();
    const { result } = await signInAs("ann", tamper);
    expect(result).toMatchObject({ ok: false, code });
    const refusal = await lastRefusal();
    expect(refusal).toMatchObject({ protocol: "saml", reason: code });
    expect(String(refusal?.detail)).toMatch(detail);
    expect(await findSsoUserByEmail("ann@acme.test")).toBeNull();
  });

  it("refuses a replayed Response, and a second Response to a request already answered", async () => {
    await configure();
    const { posted, result } = await signInAs("vic");
    expect(result.ok).toBe(true);
    const replay = await completeSamlSignIn({ samlResponse: posted.samlResponse, relayState: null, ip: "10.9.9.9" });
    expect(replay).toMatchObject({ ok: false, code: "SsoReplayed" });
    expect(await lastRefusal()).toMatchObject({ protocol: "saml", reason: "SsoReplayed" });

    // A new assertion (another ID) for a request already answered: InResponseTo is usable once, on any process.
    const url = (await startSamlSignIn({ returnPath: "/" })) ?? "";
    const first = idp.respond(url, "vic");
    const second = idp.respond(url, "vic");
    expect((await completeSamlSignIn({ samlResponse: first.samlResponse, relayState: null, ip: null })).ok).toBe(true);
    expect(await completeSamlSignIn({ samlResponse: second.samlResponse, relayState: null, ip: null })).toMatchObject({ ok: false, code: "SsoStateMismatch" });
    expect(String((await lastRefusal())?.detail)).toMatch(/InResponseTo is not valid/);
  });

  it("refuses a user disabled in Watchpost, whatever the IdP says", async () => {
    await configure();
    const { result } = await signInAs("ann");
    if (!result.ok) throw new Error("expected a sign-in");
    await updateUser(result.user.id, { disabled: true });
    expect((await signInAs("ann")).result).toMatchObject({ ok: false, code: "AccountDisabled" });
    expect(await lastRefusal()).toMatchObject({ reason: "user_disabled", subject: "ann" });
  });
});

describe("passwords of SSO users", () => {
  it("an SSO-created user gets no temporary password unless an admin marks them break-glass, and has none to change", async () => {
    const admin = await configure();
    const { result } = await signInAs("ann");
    if (!result.ok) throw new Error("expected a sign-in");
    const input = { temporaryPassword: "a-temporary-password-1" };
    await expect(setTemporaryPassword({ actor: admin, id: result.user.id, input })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/single sign-on/) });
    const self = { userId: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role, via: "session" as const, ip: "10.0.0.9" };
    await expect(changePassword({ actor: self, input: { currentPassword: "anything-at-all", newPassword: "a-brand-new-password" } })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/no Watchpost password/),
    });
    await setUserBreakGlass({ actor: admin, userId: result.user.id, isBreakGlass: true });
    await expect(setTemporaryPassword({ actor: admin, id: result.user.id, input })).resolves.toMatchObject({ id: result.user.id });
  });
});

describe("removeSsoConnection", () => {
  it("removes the connection (audited) and Require SSO with the last one", async () => {
    const admin = await configure();
    await setUserBreakGlass({ actor: admin, userId: admin.userId, isBreakGlass: true });
    await saveSsoPolicy({ actor: admin, input: { roleMappings: MAPPINGS, defaultRole: null, requireSso: true } });
    const settings = await removeSsoConnection({ actor: admin, protocol: "saml" });
    expect(settings).toMatchObject({ saml: null, requireSso: false, roleMappings: [] });
    expect(await findSsoConfig("saml")).toBeNull();
    const [event] = (await listAuditEvents({ limit: 1, action: "sso.removed" })).rows;
    expect(event?.details).toMatchObject({ protocol: "saml", requireSsoSwitchedOff: true });
    expect(await startSamlSignIn({ returnPath: "/" })).toBeNull();
  });
});
