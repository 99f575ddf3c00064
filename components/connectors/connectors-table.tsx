"use client";

import Link from "next/link";
import { useNow } from "@/lib/client/hooks/use-now";
import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { formatCount, formatDateTime, formatDuration, formatRelative } from "../ui/format";
import { ConnectorStatusBadge } from "./connector-status-badge";
import { KeyExpiry } from "./key-expiry";
import { DataTable } from "../ui/data-table";


export function ConnectorsTable({ connectors }: Readonly<{ connectors: readonly TConnectorDto[] }>) {
  const now = useNow(5_000);
  return (
    <DataTable columns={[
        { label: "Instance" },
        { label: "App", className: "max-sm:hidden" },
        { label: "Status" },
        { label: "Last successful sync" },
        { label: "Last 24 h", className: "text-right" },
        { label: "Lag", className: "text-right" },
        { label: "API key expiry", className: "whitespace-nowrap" },
      ]}>
          {connectors.map((c) => (
            <tr key={c.id} data-testid={`connector-row-${c.name}`}>
              <td className="py-2 pr-4">
                <Link href={`/connectors/${c.id}`} className="font-medium whitespace-nowrap text-brand-600 hover:underline dark:text-sky-300">
                  {c.name}
                </Link>
                <span className="block font-mono text-xs text-slate-500 max-sm:hidden">{c.orgId}</span>
              </td>
              <td className="py-2 pr-4 max-sm:hidden">Atlassian</td>
              <td className="py-2 pr-4" title={c.statusDetail ?? undefined}>
                <ConnectorStatusBadge status={c.status} />
              </td>
              <td className="py-2 pr-4 whitespace-nowrap" title={c.lastSyncAt ? formatDateTime(c.lastSyncAt) : undefined}>
                {c.lastSyncAt ? formatRelative(c.lastSyncAt, now) : "Not yet"}
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{formatCount(c.stats.activitiesLast24h)}</td>
              <td className="py-2 pr-4 text-right tabular-nums whitespace-nowrap">{c.stats.lagSeconds === null ? "—" : formatDuration(c.stats.lagSeconds)}</td>
              <td className="py-2 whitespace-nowrap">
                <KeyExpiry connector={c} now={now} />
              </td>
            </tr>
          ))}
        </DataTable>
  );
}
