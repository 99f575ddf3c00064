import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { UsersView } from "@/components/settings/users-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const principal = await requirePageUser({ role: "admin", path: "/settings/users" });
  return (
    <>
      <PageHeader title="Users" description="People who can sign in to Watchpost, and their roles. Disabled users lose access at once." />
      <UsersView currentUserId={principal.userId} />
    </>
  );
}
