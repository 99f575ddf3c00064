import type { Metadata } from "next";
import { DevicesView } from "@/components/devices/devices-view";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Devices" };

export default async function DevicesPage() {
  await requirePageUser({ role: "admin", path: "/settings/devices" });
  return (
    <>
      <PageHeader title="Devices" description="Device certificates and trusted CAs: how the session proxy tells managed devices from unmanaged ones." />
      <DevicesView />
    </>
  );
}
