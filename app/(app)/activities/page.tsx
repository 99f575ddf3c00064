import type { Metadata } from "next";
import { ActivitiesView } from "@/components/activities/activities-view";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Activities" };

export default async function ActivitiesPage() {
  await requirePageUser({ path: "/activities" });
  return (
    <>
      <PageHeader title="Activity log" description="Every activity of the connected organizations, from their audit logs and the session proxy, searchable and exportable." />
      <ActivitiesView />
    </>
  );
}
