import type { Metadata } from "next";
import { IpRangesView } from "@/components/ip-ranges/ip-ranges-view";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "IP ranges" };

export default async function IpRangesPage() {
  const principal = await requirePageUser({ path: "/settings/ip-ranges" });
  return (
    <>
      <PageHeader title="IP ranges" description="Name your offices, VPNs and other known addresses, and see the threat lists that tag risky ones. Detection uses both." />
      <IpRangesView isAdmin={principal.role === "admin"} />
    </>
  );
}
