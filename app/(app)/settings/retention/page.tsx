import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { RetentionView } from "@/components/retention/retention-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Data retention" };

export default async function RetentionPage() {
  await requirePageUser({ role: "admin", path: "/settings/retention" });
  return (
    <>
      <PageHeader
        title="Data retention"
        description="How long Watchpost keeps each kind of record. The worker removes what is older once a day; open alerts and legal holds are always kept."
      />
      <RetentionView />
    </>
  );
}
