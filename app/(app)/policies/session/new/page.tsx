import type { Metadata } from "next";
import { BackLink } from "@/components/layout/back-link";
import { PageHeader } from "@/components/layout/page-header";
import { SessionPolicyEditor } from "@/components/session-policies/session-policy-editor";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "New session policy" };

export default async function NewSessionPolicyPage() {
  await requirePageUser({ path: "/policies/session/new", role: "admin" });
  return (
    <>
      <BackLink href="/policies?kind=session" label="Session policies" />
      <PageHeader title="New session policy" description="Monitor or block what users do through the session proxy. Preview it over recorded session activity before saving." />
      <SessionPolicyEditor canEdit canPreview />
    </>
  );
}
