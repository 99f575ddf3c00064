import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import type { TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, postEvents } from "../../lib/testing/sim-org";
import { alertsApi, LONDON, login, SYDNEY, TOR, type TSimUser } from "../alerts/triage-org";

const MINUTE = 60_000;
const DAY = 86_400_000;

export type TIncidentRow = {
  id: string;
  severity: string;
  status: string;
  alertCount: number;
  policies: { key: string; name: string }[];
  user: { accountId: string; name: string | null };
  assignee: { id: string; name: string } | null;
};

/** The incidents of one connector through the API (as admin). */
export const incidentsApi = (admin: APIRequestContext, connectorId: string) => ({
  list: async (query = ""): Promise<TIncidentRow[]> => {
    const response = await admin.get(`/api/v1/incidents?connectorId=${connectorId}&${query}`);
    expect(response.status(), await response.text()).toBe(200);
    return ((await response.json()) as { data: TIncidentRow[] }).data;
  },
});

/**
 * A simulator org connected through the API, once the worker has raised its alerts and grouped them:
 * - `suspect` (a London baseline learned 9 days ago) within one hour: 8 failed logins (failed_logins), then London →
 *   Sydney in 30 minutes (impossible_travel, and infrequent_country for Australia): three alerts of three policies,
 *   one incident, raised a severity step to high;
 * - `others` (three users): a Tor login each (anonymous_ip): an incident of one medium alert each.
 */
export const connectIncidentOrg = async (sim: TRunningSimulator, admin: APIRequestContext) => {
  const org = await createSimOrg(sim.baseUrl, { users: 5 });
  const [suspect, ...others] = org.users.slice(1, 5) as TSimUser[] as [TSimUser, TSimUser, TSimUser, TSimUser];
  const now = Date.now();
  await postEvents(sim.baseUrl, org.orgId, [
    login(suspect, now - 9 * DAY, LONDON),
    ...Array.from({ length: 8 }, (_, i) => login(suspect, now - (55 - i) * MINUTE, LONDON, "user_login_failed")),
    login(suspect, now - 40 * MINUTE, LONDON),
    login(suspect, now - 10 * MINUTE, SYDNEY),
    ...others.map((u, i) => login(u, now - (20 - i) * MINUTE, TOR)),
  ]);
  const created = await admin.post("/api/v1/connectors", {
    data: { name: `Incidents ${randomUUID().slice(0, 6)}`, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 10 },
  });
  expect(created.status()).toBe(201);
  const connectorId = ((await created.json()) as { id: string }).id;
  const alerts = alertsApi(admin, connectorId);
  const incidents = incidentsApi(admin, connectorId);
  await expect.poll(async () => (await alerts.list(`user=${suspect.accountId}`)).length, { timeout: 60_000 }).toBe(3);
  await expect.poll(async () => (await alerts.list("policyKey=anonymous_ip")).length, { timeout: 30_000 }).toBe(3);
  await expect.poll(async () => (await incidents.list()).map((i) => i.alertCount).sort(), { timeout: 30_000 }).toEqual([1, 1, 1, 3]);
  return { connectorId, suspect, others, alerts, incidents };
};
