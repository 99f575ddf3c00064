import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { PoliciesView } from "@/components/policies/policies-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const principal = await requirePageUser({ path: "/policies" });
  const canEdit = principal.role === "admin";
  return (
    <>
      <PageHeader
        title="Policies"
        description="What raises an alert: the built-in anomaly policies and your own activity policies."
        actions={
          canEdit ? (
            <Link href="/policies/new" className="inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
              New policy
            </Link>
          ) : null
        }
      />
      <PoliciesView canEdit={canEdit} />
    </>
  );
}
