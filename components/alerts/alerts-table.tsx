import Link from "next/link";
import type { TAlertDto } from "@/lib/shared/schemas/alerts";
import { DataTable } from "../ui/data-table";
import { formatDateTime } from "../ui/format";
import { AlertStatusBadge } from "./alert-status-badge";
import { SeverityBadge } from "./severity-badge";

const COLUMNS = [
  { label: "Severity" },
  { label: "Policy" },
  { label: "User" },
  { label: "Alert" },
  { label: "First activity" },
  { label: "Last activity" },
  { label: "Status" },
] as const;

export function AlertsTable({ alerts }: Readonly<{ alerts: readonly TAlertDto[] }>) {
  return (
    <DataTable columns={COLUMNS}>
      {alerts.map((a) => (
        <tr key={a.id} data-testid="alert-row">
          <td className="py-2 pr-4 align-top">
            <SeverityBadge severity={a.severity} />
          </td>
          <td className="py-2 pr-4 align-top whitespace-nowrap">{a.policyName}</td>
          <td className="py-2 pr-4 align-top">{a.user.email ?? a.user.name ?? a.user.accountId ?? "—"}</td>
          <td className="py-2 pr-4 align-top">
            <Link href={`/alerts/${a.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
              {a.title}
            </Link>
            <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{a.explanation}</p>
          </td>
          <td className="py-2 pr-4 align-top whitespace-nowrap" title={a.firstActivityAt}>
            {formatDateTime(a.firstActivityAt)}
          </td>
          <td className="py-2 pr-4 align-top whitespace-nowrap" title={a.lastActivityAt}>
            {formatDateTime(a.lastActivityAt)}
          </td>
          <td className="py-2 align-top">
            <AlertStatusBadge status={a.status} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
