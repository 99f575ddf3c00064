import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/layout/back-link";
import { PageHeader } from "@/components/layout/page-header";
import { PolicyEditor } from "@/components/policies/policy-editor";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { orPageError } from "@/lib/server/http/page-errors";
import { getPolicyDtoOrThrow } from "@/lib/server/services/policies/get-policies";
import { hasRole } from "@/lib/shared/roles";

export const metadata: Metadata = { title: "Policy" };

export default async function PolicyPage({ params }: Readonly<{ params: Promise<{ id: string }> }>) {
  const { id } = await params;
  const principal = await requirePageUser({ path: `/policies/${id}` });
  // Only not_found is a 404 (a built-in policy has no page of its own); any other failure goes to error.tsx.
  const policy = await orPageError(getPolicyDtoOrThrow(decodeURIComponent(id)));
  if (policy.kind !== "custom") notFound();
  return (
    <>
      <BackLink href="/policies" label="Policies" />
      <PageHeader title={policy.name} description="A custom activity policy." />
      <PolicyEditor policy={policy} canEdit={principal.role === "admin"} canPreview={hasRole(principal.role, "analyst")} />
    </>
  );
}
