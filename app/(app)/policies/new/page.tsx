import type { Metadata } from "next";
import { BackLink } from "@/components/layout/back-link";
import { PageHeader } from "@/components/layout/page-header";
import { PolicyEditor } from "@/components/policies/policy-editor";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "New policy" };

export default async function NewPolicyPage() {
  await requirePageUser({ path: "/policies/new", role: "admin" });
  return (
    <>
      <BackLink href="/policies" label="Policies" />
      <PageHeader title="New policy" description="Alert on activities that match a filter. Preview it over past days before saving: it only alerts on activities stored after it is created." />
      <PolicyEditor canEdit canPreview />
    </>
  );
}
