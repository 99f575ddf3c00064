import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { AtlassianUsersView } from "@/components/users/users-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Users" };

export default async function AtlassianUsersPage() {
  await requirePageUser({ path: "/users" });
  return (
    <>
      <PageHeader title="Users" description="Atlassian accounts of your connected organizations: status, admin rights, last activity and open alerts." />
      <AtlassianUsersView />
    </>
  );
}
