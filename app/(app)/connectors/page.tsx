import type { Metadata } from "next";
import { ConnectorsView } from "@/components/connectors/connectors-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Connectors" };

export default async function ConnectorsPage() {
  const principal = await requirePageUser({ path: "/connectors" });
  return <ConnectorsView isAdmin={principal.role === "admin"} />;
}
