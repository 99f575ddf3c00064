// Data for the accessibility scan, so that lists have rows and detail pages open on real records: the triage
// org (alerts, users, activities), a custom policy, a notification channel and an IP range, all through the API.
import { randomInt, randomUUID } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import { uniqueEmail, USER_PASSWORD } from "../fixtures/env";
import type { TRunningSimulator } from "../../lib/simulator/start-simulator";
import { connectTriageOrg } from "../alerts/triage-org";

export type TScanOrg = Readonly<{
  connectorId: string;
  alertId: string;
  /** An incident of the org (its travel alert's user). */
  incidentId: string;
  rangeName: string;
  /** A real value for each dynamic page segment, by page route (e.g. "/alerts/[id]" → { id }). */
  realValues: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Removes what would otherwise show up in other specs' lists (the connector stays, as in other specs). */
  cleanUp: () => Promise<void>;
}>;

const created = async (api: APIRequestContext, url: string, data: unknown): Promise<string> => {
  const response = await api.post(url, { data });
  expect(response.status(), `POST ${url}: ${await response.text()}`).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

const firstId = async (api: APIRequestContext, url: string): Promise<string> => {
  const body = (await (await api.get(url)).json()) as { data?: { id: string }[] };
  const id = body.data?.[0]?.id;
  if (!id) throw new Error(`GET ${url} listed nothing`);
  return id;
};

/** Connects the org and seeds the rest; resolves once alerts and posture recommendations exist. */
export const connectScanOrg = async (sim: TRunningSimulator, api: APIRequestContext): Promise<TScanOrg> => {
  const { connectorId, alerts } = await connectTriageOrg(sim, api);
  const [travel] = await alerts.list("policyKey=impossible_travel");
  if (!travel) throw new Error("the triage org raised no impossible_travel alert");
  const tag = randomUUID().slice(0, 6);
  const policyId = await created(api, "/api/v1/policies", { name: `A11y ${tag}`, description: "Logins, for the accessibility scan", filter: { actions: ["user_login"] }, trigger: { kind: "single" } });
  const channelId = await created(api, "/api/v1/notification-channels", { kind: "webhook", name: `A11y ${tag}`, url: "https://hooks.example.com/services/a11y" });
  // Disabled, and for a site no test uses: session policies are global to every proxied request of the e2e server.
  const sessionPolicyId = await created(api, "/api/v1/session-policies", {
    name: `A11y ${tag}`,
    enabled: false,
    controlType: "control_download",
    filters: { device: "unmanaged", sites: [`a11y-${tag}.atlassian.net`] },
    action: { kind: "block" },
  });
  const rangeName = `A11y ${tag}`;
  const rangeId = await created(api, "/api/v1/ip-ranges", { name: rangeName, cidrs: [`198.18.${randomInt(256)}.0/28`], category: "corporate" });
  // A second portal user: the admin's own row offers no "Sign out everywhere".
  const viewerId = await created(api, "/api/v1/portal-users", { name: `A11y Viewer ${tag}`, email: uniqueEmail("a11y-viewer"), password: USER_PASSWORD, role: "viewer" });
  const recommendations = async () => {
    const response = await api.get(`/api/v1/recommendations?connectorId=${connectorId}`);
    return response.ok() ? ((await response.json()) as { key: string }[]) : [];
  };
  await expect.poll(async () => (await recommendations()).length, { timeout: 60_000 }).toBeGreaterThan(0);
  const [recommendation] = await recommendations();
  const incidents = async () => ((await (await api.get(`/api/v1/incidents?connectorId=${connectorId}&limit=1`)).json()) as { data?: { id: string }[] }).data ?? [];
  await expect.poll(async () => (await incidents()).length, { timeout: 30_000 }).toBeGreaterThan(0);
  const incidentId = (await incidents())[0]?.id ?? "";
  return {
    connectorId,
    alertId: travel.id,
    incidentId,
    rangeName,
    realValues: {
      "/alerts/[id]": { id: travel.id },
      "/incidents/[id]": { id: incidentId },
      "/connectors/[id]": { id: connectorId },
      "/policies/[id]": { id: policyId },
      "/policies/session/[id]": { id: sessionPolicyId },
      "/users/[id]": { id: await firstId(api, `/api/v1/users?connectorId=${connectorId}&limit=1`) },
      "/settings/notifications/[id]": { id: channelId },
      "/posture/[key]": { key: recommendation?.key ?? "" },
    },
    cleanUp: async () => {
      for (const url of [`/api/v1/policies/${policyId}`, `/api/v1/session-policies/${sessionPolicyId}`, `/api/v1/notification-channels/${channelId}`, `/api/v1/ip-ranges/${rangeId}`]) await api.delete(url);
      // Portal users cannot be deleted, only disabled.
      await api.patch(`/api/v1/portal-users/${viewerId}`, { data: { disabled: true } });
    },
  };
};
