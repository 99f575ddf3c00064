import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ChannelsView } from "@/components/notifications/channels-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await requirePageUser({ role: "admin", path: "/settings/notifications" });
  return (
    <>
      <PageHeader title="Notifications" description="Where alerts are sent: email, webhooks, Slack and Microsoft Teams, each with its own routing by severity and policy." />
      <ChannelsView />
    </>
  );
}
