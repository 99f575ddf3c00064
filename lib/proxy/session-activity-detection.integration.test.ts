import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZActivityListQuery } from "../shared/schemas/activities";
import { ZCreatePolicyInput } from "../shared/schemas/policies";
import { insertSessionActivities } from "../server/repositories/activity-repository";
import { listActivities } from "../server/services/activities/list-activities";
import { createConnector } from "../server/services/connectors/create-connector";
import { ensureBuiltinPolicies } from "../server/services/detection/ensure-builtin-policies";
import { listAlerts } from "../server/services/detection/list-alerts";
import { runDetectionPass } from "../server/services/detection/run-detection-pass";
import { createPolicy } from "../server/services/policies/save-policy";
import { startSimulator, type TRunningSimulator } from "../simulator/start-simulator";
import { makeUser } from "../testing/factories";
import { resetDatabase } from "../testing/reset-database";
import { createSimOrg } from "../testing/sim-org";
import { buildProxyActivity } from "./build-activity";

// Issue 21: session-proxy activities flow into detection like the audit log's: a custom activity policy on a proxy
// action (and the audit log's product names) raises an alert, and the activity log filters them by action and product.
let sim: TRunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { enabled: false } });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await resetDatabase();
  await ensureBuiltinPolicies();
});

describe("session-proxy activities in detection and the activity log", () => {
  it("a custom policy on proxy_download_attachment in Jira raises an alert from a proxied download", async () => {
    const { principal } = await makeUser("admin");
    const org = await createSimOrg(sim.baseUrl);
    const connector = await createConnector({ actor: principal, input: { name: "Acme", orgId: org.orgId, apiKey: org.apiKey, baseUrl: sim.baseUrl, backfillDays: 1 } });
    const input = ZCreatePolicyInput.parse({
      name: "Jira downloads through the proxy",
      severity: "medium",
      filter: { actions: ["proxy_download_attachment"], products: ["jira"] },
      trigger: { kind: "single" },
    });
    await createPolicy({ actor: principal, input });

    const member = org.users[1] as { accountId: string; name: string; email: string };
    const download = (product: "jira-software" | "confluence", n: number) =>
      buildProxyActivity(
        { product, action: "proxy_download_attachment", objectType: "issue", objectId: `SEC-${n}`, fileName: `dump-${n}.hprof` },
        {
          eventId: `proxy:test-${n}`,
          time: new Date(),
          connectorId: connector.id,
          siteHost: "acme.atlassian.net",
          sessionId: "00000000-0000-4000-8000-000000000001",
          account: { id: member.accountId, email: member.email, name: member.name },
          device: { isManaged: false, subject: null, serial: null, issuer: null, problem: null },
          ip: "81.2.69.142",
          userAgent: "Mozilla/5.0",
          method: "GET",
          host: "media",
          path: `/file/${n}/binary`,
          status: 200,
          bytesSent: 2048,
          contentType: "application/octet-stream",
          outcome: "completed",
        },
      );
    expect(await insertSessionActivities([download("jira-software", 1), download("confluence", 2)])).toBe(2);

    await runDetectionPass({ connectorId: connector.id });
    const alerts = (await listAlerts({ limit: 50 })).data.filter((a) => a.policyName === "Jira downloads through the proxy");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: "medium", activityCount: 1 });

    const query = ZActivityListQuery.parse({ source: "session_proxy", action: "proxy_download_attachment", product: "jira" });
    const page = await listActivities({ query });
    expect(page.data.map((a) => a.targetName)).toEqual(["dump-1.hprof"]);
  });
});
