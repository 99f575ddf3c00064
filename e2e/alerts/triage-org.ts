import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { expectSignedInAs, signInWithForm, uniqueEmail, uniqueIp, USER_PASSWORD } from "../fixtures/env";
import type { TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, postEvents } from "../../lib/testing/sim-org";

export type TSimUser = { accountId: string; name: string; email: string };
export type TAlert = { id: string; title: string; status: string; user: { accountId: string | null } };
export type TPortalUser = { id: string; name: string; email: string };

const MINUTE = 60_000;
const DAY = 86_400_000;

export const TOR = { ip: "185.220.101.77", geo: "50.1109,8.6821", countryName: "Germany", city: "Frankfurt am Main" };
export const LONDON = { ip: "81.2.69.142", geo: "51.5072,-0.1276", countryName: "United Kingdom", city: "London" };
export const SYDNEY = { ip: "1.120.45.8", geo: "-33.8688,151.2093", countryName: "Australia", city: "Sydney" };

/** An Atlassian audit event of `user` logging in (or failing to, with action "user_login_failed") from `location`. */
export const login = (user: TSimUser, at: number, location: typeof TOR, action = "user_login") => ({
  id: randomUUID(),
  type: "events",
  attributes: { time: new Date(at).toISOString(), action, actor: { id: user.accountId, name: user.name, email: user.email }, location },
  message: { content: "Logged in to account", format: "simple" },
});

/** The alerts of one connector through the API (as admin). */
export const alertsApi = (admin: APIRequestContext, connectorId: string) => {
  const list = async (query: string): Promise<TAlert[]> =>
    ((await (await admin.get(`/api/v1/alerts?connectorId=${connectorId}&${query}`)).json()) as { data: TAlert[] }).data;
  const of = async (user: TSimUser, policyKey = "anonymous_ip"): Promise<TAlert> => {
    const [alert] = await list(`policyKey=${policyKey}&user=${user.accountId}`);
    if (!alert) throw new Error(`no ${policyKey} alert for ${user.email}`);
    return alert;
  };
  return { list, of };
};

/**
 * A small simulator org connected through the API, with five users and, once the worker has run detection:
 * users[0..3] one anonymous_ip alert each (a Tor login), users[4] an impossible_travel alert (a London
 * baseline learned 9 days ago, then London → Sydney in 30 min) and an infrequent_country alert (Australia).
 */
export const connectTriageOrg = async (sim: TRunningSimulator, admin: APIRequestContext) => {
  const org = await createSimOrg(sim.baseUrl, { users: 6 });
  const users = org.users.slice(1, 6) as TSimUser[];
  const [u1, u2, u3, u4, traveller] = users as [TSimUser, TSimUser, TSimUser, TSimUser, TSimUser];
  const now = Date.now();
  await postEvents(sim.baseUrl, org.orgId, [
    ...[u1, u2, u3, u4].map((u, i) => login(u, now - (10 - i) * MINUTE, TOR)),
    login(traveller, now - 9 * DAY, LONDON),
    login(traveller, now - 40 * MINUTE, LONDON),
    login(traveller, now - 10 * MINUTE, SYDNEY),
  ]);
  const created = await admin.post("/api/v1/connectors", {
    data: { name: `Triage ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 10 },
  });
  expect(created.status()).toBe(201);
  const connectorId = ((await created.json()) as { id: string }).id;
  const alerts = alertsApi(admin, connectorId);
  await expect.poll(async () => (await alerts.list("policyKey=anonymous_ip")).length, { timeout: 60_000 }).toBe(4);
  await expect.poll(async () => (await alerts.list("policyKey=impossible_travel")).length, { timeout: 30_000 }).toBe(1);
  return { orgId: org.orgId, connectorId, users, alerts };
};

/** A portal user created by the admin through the API. */
export const createPortalUser = async (admin: APIRequestContext, role: "analyst" | "viewer"): Promise<TPortalUser> => {
  const input = { name: `Triage ${role === "analyst" ? "Analyst" : "Viewer"} ${randomUUID().slice(0, 4)}`, email: uniqueEmail(`triage-${role}`), password: USER_PASSWORD, role };
  const response = await admin.post("/api/v1/portal-users", { data: input });
  expect(response.status()).toBe(201);
  return { ...input, id: ((await response.json()) as { id: string }).id };
};

/** A fresh browser context (its own client IP) signed in through the form. */
export const signInAs = async (browser: Browser, user: TPortalUser, role: string): Promise<Page> => {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const page = await context.newPage();
  await signInWithForm(page, user.email, USER_PASSWORD);
  await expectSignedInAs(page, role);
  return page;
};
