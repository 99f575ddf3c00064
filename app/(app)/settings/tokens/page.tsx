import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { TokensView } from "@/components/settings/tokens-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const principal = await requirePageUser({ path: "/settings/tokens" });
  return (
    <>
      <PageHeader title="API tokens" description="Named personal tokens for scripts and integrations. Revoke a token the moment it is no longer needed." />
      <TokensView isAdmin={principal.role === "admin"} />
    </>
  );
}
