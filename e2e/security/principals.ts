// Callers for the security suite: users of each role created through the API, each with a session
// (cookie) and a personal API token created through POST /api/v1/tokens.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from "@playwright/test";
import { ADMIN_STATE, uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";
import type { TSamlTestIdp } from "../../lib/testing/saml-test-idp";
import type { TRole } from "./app-routes";

type TPlaywright = PlaywrightWorkerArgs["playwright"];

export type TPrincipal = Readonly<{
  role: TRole;
  email: string;
  userId: string;
  token: string;
  /** Bearer-token client. */
  api: APIRequestContext;
  /** Cookie (session) client. */
  session: APIRequestContext;
}>;

/** The e2e server's origin (what a browser on the portal sends as Origin). */
export const baseUrl = (): string => {
  const url = test.info().project.use.baseURL;
  if (!url) throw new Error("playwright.config.ts sets use.baseURL");
  return url;
};

/** Signs in through next-auth's credentials endpoint, as the login form does; the context keeps the cookies. */
export const signInWithApi = async (playwright: TPlaywright, email: string, password: string): Promise<{ session: APIRequestContext; response: APIResponse }> => {
  const session = await playwright.request.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const { csrfToken } = (await (await session.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await session.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
  return { session, response };
};

/** A personal API token created with the session, the way Settings → API tokens does. */
export const createTokenWithSession = async (session: APIRequestContext, name = `security-${randomUUID().slice(0, 6)}`): Promise<string> => {
  const response = await session.post("/api/v1/tokens", { data: { name }, headers: { origin: baseUrl() } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { token: string }).token;
};

const bearer = (playwright: TPlaywright, token: string) => playwright.request.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });

/** The first-run admin (e2e/setup), with a token created through the API. */
export const adminPrincipal = async (playwright: TPlaywright): Promise<TPrincipal> => {
  const session = await playwright.request.newContext({ storageState: ADMIN_STATE });
  const token = await createTokenWithSession(session);
  const api = await bearer(playwright, token);
  const me = (await (await api.get("/api/v1/me")).json()) as { id: string; email: string };
  return { role: "admin", email: me.email, userId: me.id, token, api, session };
};

/** A new portal user of `role` (created by the admin), signed in, with its own API token. */
export const createPrincipal = async (playwright: TPlaywright, admin: TPrincipal, role: TRole): Promise<TPrincipal> => {
  const email = uniqueEmail(`security-${role}`);
  const created = await admin.api.post("/api/v1/portal-users", { data: { name: `Security ${role}`, email, password: USER_PASSWORD, role } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const { session, response } = await signInWithApi(playwright, email, USER_PASSWORD);
  expect(response.status(), await response.text()).toBe(200);
  const token = await createTokenWithSession(session);
  return { role, email, userId: id, token, api: await bearer(playwright, token), session };
};

export const disposePrincipals = async (...principals: (TPrincipal | undefined)[]) => {
  for (const principal of principals) {
    await principal?.api.dispose();
    await principal?.session.dispose();
  }
};

/**
 * Users of each role created by a real SAML sign-in (the test IdP signs the assertion; Watchpost's ACS verifies it
 * and creates the user with the mapped role), each with its session and a token it made. The SAML connection exists
 * only while they sign in: their sessions and tokens outlive it, and other specs see no SSO configured.
 */
export const createSsoPrincipals = async (playwright: TPlaywright, admin: TPrincipal, idp: TSamlTestIdp): Promise<Record<TRole, TPrincipal>> => {
  const tag = randomUUID().slice(0, 6);
  const groupOf: Record<TRole, string> = { admin: `sec-admins-${tag}`, analyst: `sec-analysts-${tag}`, viewer: `sec-viewers-${tag}` };
  const saved = await admin.api.put("/api/v1/sso/saml", { data: { displayName: "Security IdP", metadataUrl: idp.metadataUrl, groupsAttribute: "groups" } });
  expect(saved.status(), await saved.text()).toBe(200);
  const roleMappings = (["admin", "analyst", "viewer"] as const).map((role) => ({ group: groupOf[role], role }));
  const policy = await admin.api.put("/api/v1/sso/policy", { data: { roleMappings, defaultRole: null, requireSso: false } });
  expect(policy.status(), await policy.text()).toBe(200);
  const principals: Partial<Record<TRole, TPrincipal>> = {};
  try {
    for (const role of ["admin", "analyst", "viewer"] as const) {
      const login = `sso-${role}-${tag}`;
      const email = `${login}@sso.example.test`;
      idp.setUser(login, { email, name: `SSO ${role}`, groups: [groupOf[role]] });
      const session = await playwright.request.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
      const start = await session.get("/api/auth/saml/login?callbackUrl=/", { maxRedirects: 0 });
      expect(start.status()).toBe(303);
      const posted = idp.respond(start.headers()["location"] ?? "", login);
      const acs = await session.post(new URL(posted.acsUrl).pathname, { form: { SAMLResponse: posted.samlResponse, RelayState: posted.relayState ?? "/" }, maxRedirects: 0 });
      expect(acs.headers()["location"], "the ACS signs the user in and returns to /").toBe("/");
      const me = (await (await session.get("/api/v1/me")).json()) as { id: string; role: string };
      expect(me.role).toBe(role);
      const token = await createTokenWithSession(session);
      principals[role] = { role, email, userId: me.id, token, api: await bearer(playwright, token), session };
    }
  } finally {
    expect((await admin.api.delete("/api/v1/sso/saml")).status()).toBe(200);
  }
  return principals as Record<TRole, TPrincipal>;
};
