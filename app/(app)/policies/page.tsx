import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { PoliciesView } from "@/components/policies/policies-view";
import { PolicyKindTabs } from "@/components/session-policies/policy-kind-tabs";
import { SessionPoliciesView } from "@/components/session-policies/session-policies-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Policies" };

const NEW_LINK = "inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700";

export default async function PoliciesPage({ searchParams }: Readonly<{ searchParams: Promise<{ kind?: string | string[] }> }>) {
  const principal = await requirePageUser({ path: "/policies" });
  const canEdit = principal.role === "admin";
  const kind = (await searchParams).kind === "session" ? "session" : "activity";
  return (
    <>
      <PageHeader
        title="Policies"
        description="What raises an alert: the built-in anomaly policies and your own activity policies; and what the session proxy monitors and blocks."
        actions={
          canEdit ? (
            kind === "session" ? (
              <Link href="/policies/session/new" className={NEW_LINK}>
                New session policy
              </Link>
            ) : (
              <Link href="/policies/new" className={NEW_LINK}>
                New policy
              </Link>
            )
          ) : null
        }
      />
      <PolicyKindTabs current={kind} />
      {kind === "session" ? <SessionPoliciesView canEdit={canEdit} /> : <PoliciesView canEdit={canEdit} />}
    </>
  );
}
