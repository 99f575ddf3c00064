import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/layout/back-link";
import { PageHeader } from "@/components/layout/page-header";
import { ChannelDetailView } from "@/components/notifications/channel-detail-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { orPageError } from "@/lib/server/http/page-errors";
import { getChannelOrThrow } from "@/lib/server/services/notifications/get-channels";
import { CHANNEL_KIND_LABELS, ZChannelIdParams } from "@/lib/shared/schemas/notifications";

export const metadata: Metadata = { title: "Notification channel" };

type Props = Readonly<{ params: Promise<{ id: string }> }>;

export default async function NotificationChannelPage({ params }: Props) {
  const { id } = await params;
  await requirePageUser({ role: "admin", path: `/settings/notifications/${id}` });
  const parsed = ZChannelIdParams.safeParse({ id });
  if (!parsed.success) notFound();
  const channel = await orPageError(getChannelOrThrow(parsed.data.id));
  return (
    <>
      <BackLink href="/settings/notifications" label="All channels" />
      <PageHeader title={channel.name} description={`${CHANNEL_KIND_LABELS[channel.kind]} notification channel`} />
      <ChannelDetailView initial={channel} />
    </>
  );
}
