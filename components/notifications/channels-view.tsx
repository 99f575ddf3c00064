"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { channelsQuery } from "@/lib/client/queries/notifications";
import { policiesQuery } from "@/lib/client/queries/policies";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { ChannelForm } from "./channel-form";
import { ChannelsTable } from "./channels-table";

/** Settings → Notifications: the channels, and the form to add one (then its page, to send a test). */
export function ChannelsView() {
  const router = useRouter();
  const channels = useQuery(channelsQuery());
  const policies = useQuery(policiesQuery());
  const [isAdding, setIsAdding] = useState(false);
  return (
    <div className="space-y-6">
      {isAdding ? (
        <Card title="Add channel" description="Choose the kind, then where messages go and which alerts they carry.">
          <ChannelForm onDone={(channel) => router.push(`/settings/notifications/${channel.id}`)} onCancel={() => setIsAdding(false)} />
        </Card>
      ) : null}
      <Card
        title="Channels"
        description="Each new alert is sent to every enabled channel whose routing matches: at least its minimum severity, and one of its policies (or any policy)."
        actions={isAdding ? null : <Button onClick={() => setIsAdding(true)}>Add channel</Button>}
      >
        <QueryState isPending={channels.isPending} error={channels.error} onRetry={() => void channels.refetch()}>
          <ChannelsTable channels={channels.data ?? []} policies={policies.data ?? []} />
        </QueryState>
      </Card>
    </div>
  );
}
