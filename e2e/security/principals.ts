// Callers for the security suite: users of each role created through the API, each with a session
// (cookie) and a personal API token created through POST /api/v1/tokens.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from "@playwright/test";
import { ADMIN_STATE, uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";
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
