import Link from "next/link";
import { CHANNEL_KIND_LABELS, type TChannelDto } from "@/lib/shared/schemas/notifications";
import type { TPolicyDto } from "@/lib/shared/schemas/policies";
import { Badge } from "../ui/badge";
import { DataTable } from "../ui/data-table";
import { formatDateTime } from "../ui/format";
import { describeRouting } from "./channel-labels";

type Props = Readonly<{ channels: readonly TChannelDto[]; policies: readonly TPolicyDto[] }>;

function EmptyState() {
  return (
    <div className="space-y-2 text-sm text-slate-600 dark:text-slate-400">
      <p>No notification channels yet. A channel is a place Watchpost sends alerts to: an email list (SMTP), a webhook that receives JSON, or a Slack or Microsoft Teams incoming webhook.</p>
      <p>
        Routing decides which alerts a channel gets: alerts of at least its minimum severity, from the policies you pick (none picked: every policy). Channels also carry API key
        expiry warnings, and the email channel sends notices to users when a policy or an analyst runs “Notify user”.
      </p>
    </div>
  );
}

export function ChannelsTable({ channels, policies }: Props) {
  if (channels.length === 0) return <EmptyState />;
  return (
    <DataTable columns={[{ label: "Name" }, { label: "Kind" }, { label: "Routing" }, { label: "Status" }, { label: "Last success" }, { label: "Last failure" }]}>
      {channels.map((channel) => (
        <tr key={channel.id} data-testid={`channel-${channel.name}`}>
          <td className="py-2 pr-4 font-medium">
            <Link href={`/settings/notifications/${channel.id}`} className="text-brand-700 hover:underline dark:text-brand-300">
              {channel.name}
            </Link>
          </td>
          <td className="py-2 pr-4">{CHANNEL_KIND_LABELS[channel.kind]}</td>
          <td className="py-2 pr-4">{describeRouting(channel, policies)}</td>
          <td className="py-2 pr-4">{channel.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>}</td>
          <td className="py-2 pr-4 whitespace-nowrap text-slate-600 dark:text-slate-400">{channel.lastSuccessAt ? formatDateTime(channel.lastSuccessAt) : "Never"}</td>
          <td className="py-2 text-slate-600 dark:text-slate-400">
            {channel.lastFailureAt ? (
              <>
                <span className="whitespace-nowrap">{formatDateTime(channel.lastFailureAt)}</span>
                {channel.lastError ? <span className="block text-xs text-red-700 dark:text-red-300">{channel.lastError}</span> : null}
              </>
            ) : (
              "Never"
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
