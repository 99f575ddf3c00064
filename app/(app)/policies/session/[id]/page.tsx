import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/layout/back-link";
import { PageHeader } from "@/components/layout/page-header";
import { SessionPolicyEditor } from "@/components/session-policies/session-policy-editor";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { orPageError } from "@/lib/server/http/page-errors";
import { getSessionPolicyOrThrow } from "@/lib/server/services/session-policies/get-session-policies";
import { hasRole } from "@/lib/shared/roles";
import { ZSessionPolicyIdParams } from "@/lib/shared/schemas/session-policy-api";

export const metadata: Metadata = { title: "Session policy" };

export default async function SessionPolicyPage({ params }: Readonly<{ params: Promise<{ id: string }> }>) {
  const { id } = await params;
  const principal = await requirePageUser({ path: `/policies/session/${id}` });
  // Not a policy id at all: the same 404 as a deleted policy, never a database error.
  if (!ZSessionPolicyIdParams.safeParse({ id }).success) notFound();
  const policy = await orPageError(getSessionPolicyOrThrow(id));
  return (
    <>
      <BackLink href="/policies?kind=session" label="Session policies" />
      <PageHeader title={policy.name} description="A session policy, applied by the session proxy." />
      <SessionPolicyEditor policy={policy} canEdit={principal.role === "admin"} canPreview={hasRole(principal.role, "analyst")} />
    </>
  );
}
