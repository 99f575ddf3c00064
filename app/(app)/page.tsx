import type { Metadata } from "next";
import Link from "next/link";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { SystemHealthCard } from "@/components/dashboard/system-health-card";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { getHealth } from "@/lib/server/services/health/get-health";
import { ROLE_DESCRIPTIONS } from "@/lib/shared/roles";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const principal = await requirePageUser({ path: "/" });
  const health = await getHealth();
  return (
    <>
      <PageHeader title="Dashboard" description={`Signed in as ${principal.email}. ${ROLE_DESCRIPTIONS[principal.role]}.`} />
      <DashboardView />
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <SystemHealthCard health={health} />
        <Card title="Getting started" description="Watchpost watches your Atlassian organization's audit log and raises alerts on anomalies.">
          <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700 dark:text-slate-300">
            {principal.role === "admin" ? (
              <li>
                Invite your team in <Link className="text-brand-600 underline dark:text-sky-300" href="/settings/users">Settings → Users</Link>: analysts triage alerts,
                viewers read.
              </li>
            ) : null}
            <li>
              Create a personal API token in <Link className="text-brand-600 underline dark:text-sky-300" href="/settings/tokens">Settings → API tokens</Link> to call
              the REST API (<code>Authorization: Bearer …</code>).
            </li>
            <li>
              {principal.role === "admin" ? "Connect" : "Ask an admin to connect"} your Atlassian organization in{" "}
              <Link className="text-brand-600 underline dark:text-sky-300" href="/connectors">Connectors</Link>: its audit log, users and policies then sync
              continuously.
            </li>
          </ol>
        </Card>
      </div>
    </>
  );
}
