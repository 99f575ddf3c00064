"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useDeleteChannel, useUpdateChannel } from "@/lib/client/hooks/use-notification-mutations";
import { channelQuery } from "@/lib/client/queries/notifications";
import { policiesQuery } from "@/lib/client/queries/policies";
import { CHANNEL_KIND_LABELS, type TChannelDto } from "@/lib/shared/schemas/notifications";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { DescriptionList, type DescriptionItem } from "../ui/description-list";
import { LocalTime } from "../ui/local-time";
import { ChannelForm } from "./channel-form";
import { SECURITY_LABELS, describeRouting } from "./channel-labels";
import { DeliveriesTable } from "./deliveries-table";
import { SendTestButton } from "./send-test-button";

type Settings = Partial<{ host: string; port: number; security: keyof typeof SECURITY_LABELS; username: string; from: string; to: string[] }>;

const settingsItems = (channel: TChannelDto): DescriptionItem[] => {
  if (channel.kind !== "email") return [{ label: "Webhook URL", value: channel.secretHint ?? "Not set", hint: "Stored encrypted; only the host and last characters are shown." }];
  const s = channel.settings as Settings;
  return [
    { label: "SMTP server", value: `${s.host ?? "?"}:${s.port ?? "?"} (${s.security ? SECURITY_LABELS[s.security] : "?"})` },
    { label: "Username", value: s.username ?? "None" },
    { label: "Password", value: channel.hasSecret ? "Set (encrypted)" : "None" },
    { label: "From", value: s.from ?? "" },
    { label: "Recipients", value: s.to?.join(", ") ?? "" },
  ];
};

/** A channel's page: settings, routing, health, actions (edit, enable/disable, delete, send test) and deliveries. */
export function ChannelDetailView({ initial }: Readonly<{ initial: TChannelDto }>) {
  const router = useRouter();
  const channel = useQuery({ ...channelQuery(initial.id), initialData: initial, refetchInterval: 5_000 }).data;
  const policies = useQuery(policiesQuery());
  const update = useUpdateChannel(channel.id);
  const remove = useDeleteChannel(channel.id);
  const [isEditing, setIsEditing] = useState(false);
  const [isDeleting, setIsDeleting] = useState(false);

  if (isEditing) {
    return (
      <Card title={`Edit ${channel.name}`}>
        <ChannelForm channel={channel} onDone={() => setIsEditing(false)} onCancel={() => setIsEditing(false)} />
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      <Card
        title="Channel"
        actions={
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setIsEditing(true)}>
              Edit
            </Button>
            <Button variant="secondary" isBusy={update.isPending} onClick={() => update.mutate({ enabled: !channel.enabled })}>
              {channel.enabled ? "Disable" : "Enable"}
            </Button>
            <Button variant="danger" onClick={() => setIsDeleting(true)}>
              Delete
            </Button>
          </div>
        }
      >
        {update.isError ? <Alert tone="error">{update.error.message}</Alert> : null}
        <DescriptionList
          items={[
            { label: "Kind", value: CHANNEL_KIND_LABELS[channel.kind] },
            { label: "Status", value: channel.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>, testId: "channel-status" },
            { label: "Routing", value: describeRouting(channel, policies.data ?? []), hint: "Alerts of at least this severity, from these policies." },
            ...settingsItems(channel),
            { label: "Last success", value: channel.lastSuccessAt ? <LocalTime iso={channel.lastSuccessAt} /> : "Never", testId: "channel-last-success" },
            {
              label: "Last failure",
              value: channel.lastFailureAt ? (
                <>
                  <LocalTime iso={channel.lastFailureAt} />
                  {channel.lastError ? `: ${channel.lastError}` : ""}
                </>
              ) : (
                "Never"
              ),
              testId: "channel-last-failure",
            },
          ]}
        />
      </Card>
      <Card title="Deliveries" description="Alerts, tests, notices to users and API key expiry warnings sent through this channel. Failed sends are retried with backoff (up to 6 attempts)." actions={<SendTestButton channelId={channel.id} />}>
        <DeliveriesTable channelId={channel.id} />
      </Card>
      {isDeleting ? (
        <ConfirmDialog
          title={`Delete ${channel.name}?`}
          confirmLabel="Delete channel"
          isBusy={remove.isPending}
          onClose={() => setIsDeleting(false)}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push("/settings/notifications") })}
        >
          <p>Alerts stop going to this channel, and its delivery history is deleted. Messages still waiting to be sent are dropped.</p>
          {remove.isError ? <Alert tone="error">{remove.error.message}</Alert> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
