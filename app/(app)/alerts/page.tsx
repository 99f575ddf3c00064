import type { Metadata } from "next";
import { AlertsView } from "@/components/alerts/alerts-view";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { hasRole } from "@/lib/shared/roles";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const principal = await requirePageUser({ path: "/alerts" });
  return (
    <>
      <PageHeader title="Alerts" description="Explained alerts from the anomaly and activity policies. Each says what happened and why it is unusual." />
      <AlertsView canAct={hasRole(principal.role, "analyst")} />
    </>
  );
}
