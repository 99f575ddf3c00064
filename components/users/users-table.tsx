"use client";

import Link from "next/link";
import { useNow } from "@/lib/client/hooks/use-now";
import type { TAtlassianUserDto } from "@/lib/shared/schemas/atlassian-users";
import { Badge } from "../ui/badge";
import { DataTable } from "../ui/data-table";
import { formatCount, formatDateTime, formatRelative } from "../ui/format";
import { PrioritySparkline } from "./priority-sparkline";
import { UserStatusBadge } from "./user-status-badge";

export function AtlassianUsersTable({ users, showConnector }: Readonly<{ users: readonly TAtlassianUserDto[]; showConnector: boolean }>) {
  const now = useNow(30_000);
  return (
    <DataTable
      columns={[
        { label: "Priority" },
        { label: "User" },
        { label: "Domain", className: "max-md:hidden" },
        ...(showConnector ? [{ label: "Connector", className: "max-lg:hidden" }] : []),
        { label: "Admin" },
        { label: "Status" },
        { label: "Last activity" },
        { label: "Open alerts", className: "text-right" },
      ]}
    >
      {users.map((u) => (
        <tr key={u.id} data-testid={`atlassian-user-row-${u.email ?? u.accountId}`}>
          <td className="py-2 pr-4 whitespace-nowrap">
            <span className="inline-block w-8 text-right font-semibold tabular-nums" data-testid="priority-score">
              {formatCount(u.priority.score)}
            </span>{" "}
            <PrioritySparkline trend={u.priority.trend} />
          </td>
          <td className="py-2 pr-4">
            <Link href={`/users/${u.id}`} className="font-medium text-brand-600 hover:underline dark:text-sky-300">
              {u.name ?? u.email ?? u.accountId}
            </Link>
            <span className="block text-xs text-slate-500">{u.email ?? u.accountId}</span>
          </td>
          <td className="py-2 pr-4 max-md:hidden">{u.domain ?? "—"}</td>
          {showConnector ? <td className="py-2 pr-4 max-lg:hidden">{u.connectorName}</td> : null}
          <td className="py-2 pr-4">{u.isAdmin ? <Badge tone="brand">Org admin</Badge> : <span className="text-slate-500">No</span>}</td>
          <td className="py-2 pr-4">
            <UserStatusBadge status={u.status} />
          </td>
          <td className="py-2 pr-4 whitespace-nowrap" title={u.lastActiveAt ? formatDateTime(u.lastActiveAt) : undefined}>
            {u.lastActiveAt ? formatRelative(u.lastActiveAt, now) : "Never"}
          </td>
          <td className="py-2 text-right tabular-nums">{u.openAlerts ? <Badge tone="red">{formatCount(u.openAlerts)}</Badge> : "0"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
