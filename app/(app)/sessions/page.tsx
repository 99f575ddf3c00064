import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { SessionsView } from "@/components/sessions/sessions-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { hasRole } from "@/lib/shared/roles";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const principal = await requirePageUser({ role: "analyst", path: "/sessions" });
  return (
    <>
      <PageHeader title="Sessions" description="Live and recent browser sessions through the session proxy: who, from which device and where, and what they downloaded." />
      <SessionsView canEnd={hasRole(principal.role, "analyst")} />
    </>
  );
}
