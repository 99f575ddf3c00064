import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { AuditLogView } from "@/components/settings/audit-log-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  await requirePageUser({ role: "admin", path: "/settings/audit-log" });
  return (
    <>
      <PageHeader title="Audit log" description="Who did what in Watchpost itself, with time and IP." />
      <AuditLogView />
    </>
  );
}
