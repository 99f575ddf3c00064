import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/layout/back-link";
import { PageHeader } from "@/components/layout/page-header";
import { UserDetailView } from "@/components/users/user-detail-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { orPageError } from "@/lib/server/http/page-errors";
import { getAtlassianUserRowOrThrow } from "@/lib/server/services/atlassian-users/get-atlassian-user";
import { hasRole } from "@/lib/shared/roles";
import { ZAtlassianUserIdParams } from "@/lib/shared/schemas/atlassian-users";

export const metadata: Metadata = { title: "User" };

type Props = Readonly<{ params: Promise<{ id: string }> }>;

export default async function AtlassianUserPage({ params }: Props) {
  const { id } = await params;
  const principal = await requirePageUser({ path: `/users/${id}` });
  const parsed = ZAtlassianUserIdParams.safeParse({ id });
  if (!parsed.success) notFound();
  const user = await orPageError(getAtlassianUserRowOrThrow(parsed.data.id));
  return (
    <>
      <BackLink href="/users" label="All users" />
      <PageHeader title={user.name ?? user.email ?? user.accountId} description={`${user.email ?? user.accountId} · ${user.connectorName}`} />
      <UserDetailView userId={user.id} canAct={hasRole(principal.role, "analyst")} />
    </>
  );
}
