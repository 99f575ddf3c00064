// The alert the SSO specs open to check which triage buttons a role sees.
import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext } from "@playwright/test";
import type { TRunningSimulator } from "../../lib/simulator/start-simulator";
import { createSimOrg, postEvents } from "../../lib/testing/sim-org";
import { TOR } from "../alerts/triage-org";

/** One anonymous_ip alert (a Tor sign-in), for the triage buttons' check. */
export const seedTriageAlert = async (sim: TRunningSimulator, admin: APIRequestContext, connectorName: string): Promise<{ alertId: string; connectorId: string }> => {
  const org = await createSimOrg(sim.baseUrl, { users: 2 });
  const user = org.users[1] as { accountId: string; name: string; email: string };
  const event = {
    id: randomUUID(),
    type: "events",
    attributes: { time: new Date(Date.now() - 5 * 60_000).toISOString(), action: "user_login", actor: { id: user.accountId, name: user.name, email: user.email }, location: TOR },
    message: { content: "Logged in to account", format: "simple" },
  };
  await postEvents(sim.baseUrl, org.orgId, [event]);
  const created = await admin.post("/api/v1/connectors", { data: { name: connectorName, orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
  expect(created.status()).toBe(201);
  const createdId = ((await created.json()) as { id: string }).id;
  let id: string | undefined;
  await expect
    .poll(
      async () => {
        const body = (await (await admin.get(`/api/v1/alerts?connectorId=${createdId}&policyKey=anonymous_ip`)).json()) as { data: { id: string }[] };
        id = body.data[0]?.id;
        return body.data.length;
      },
      { timeout: 60_000 },
    )
    .toBe(1);
  return { alertId: id as string, connectorId: createdId };
};
