import type { Metadata } from "next";
import { ConnectWizard } from "@/components/connectors/connect-wizard";
import { BackLink } from "@/components/layout/back-link";
import { PageHeader } from "@/components/layout/page-header";
import { getEnv, isDemoEnabled } from "@/lib/env";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { DEMO_API_KEY, DEMO_ORG_ID, demoBaseUrl } from "@/lib/shared/demo-org";

export const metadata: Metadata = { title: "Connect an app" };

export default async function ConnectAppPage() {
  await requirePageUser({ role: "admin", path: "/connectors/new" });
  const env = getEnv();
  const demo = { orgId: DEMO_ORG_ID, apiKey: DEMO_API_KEY, baseUrl: demoBaseUrl(env.WATCHPOST_DEMO_PORT), isRunning: isDemoEnabled(env) };
  return (
    <>
      <BackLink href="/connectors" label="All connectors" />
      <PageHeader
        title="Connect an app"
        description="Watchpost verifies the credentials with the app before saving anything, then starts syncing its activity."
      />
      <ConnectWizard demo={demo} />
    </>
  );
}
