"use client";

import Link from "next/link";
import type { TAlertListItemDto } from "@/lib/shared/schemas/alerts";
import { DataTable, type DataTableColumn } from "../ui/data-table";
import { CHECKBOX, SelectAllCheckbox } from "../ui/select-all-checkbox";
import { ActivitySpan } from "./activity-span";
import { AlertStatusBadge } from "./alert-status-badge";
import { alertUserLabel } from "./alert-format";
import { SeverityBadge } from "./severity-badge";

type Selection = Readonly<{ selected: ReadonlySet<string>; onToggle: (id: string) => void; onToggleAll: (select: boolean) => void }>;

type Props = Readonly<{ alerts: readonly TAlertListItemDto[]; selection?: Selection }>;

const COLUMNS: readonly DataTableColumn[] = [
  { label: "Severity" },
  { label: "Alert" },
  { label: "User" },
  { label: "First / last activity" },
  { label: "Status" },
  { label: "Assignee" },
];

/** The alert rows; with `selection` (analysts and admins) each row has a checkbox for the bulk actions. */
export function AlertsTable({ alerts, selection }: Props) {
  const columns = selection ? [{ label: "Select", header: <SelectAllCheckbox ids={alerts.map((a) => a.id)} selected={selection.selected} onToggleAll={selection.onToggleAll} />, className: "w-8" }, ...COLUMNS] : COLUMNS;
  return (
    <DataTable columns={columns}>
      {alerts.map((a) => {
        const isSelected = selection?.selected.has(a.id) ?? false;
        return (
          <tr key={a.id} data-testid="alert-row" className={isSelected ? "bg-brand-50/60 dark:bg-brand-700/10" : undefined}>
            {selection ? (
              <td className="py-2 pr-4 align-top">
                <input type="checkbox" aria-label={`Select alert ${a.title}`} className={`${CHECKBOX} mt-0.5`} checked={isSelected} onChange={() => selection.onToggle(a.id)} />
              </td>
            ) : null}
            <td className="py-2 pr-4 align-top">
              <SeverityBadge severity={a.severity} />
            </td>
            <td className="min-w-60 py-2 pr-4 align-top">
              <p className="text-xs font-medium text-slate-500 dark:text-slate-400">{a.policyName}</p>
              <Link href={`/alerts/${a.id}`} className="font-medium break-words text-brand-700 hover:underline dark:text-sky-300">
                {a.title}
              </Link>
              <p className="mt-0.5 line-clamp-2 text-xs text-slate-500 dark:text-slate-400" title={a.explanation}>
                {a.explanation}
              </p>
            </td>
            <td className="py-2 pr-4 align-top">
              {a.user.name && a.user.email ? (
                <>
                  <div className="break-words">{a.user.name}</div>
                  <div className="text-xs break-words text-slate-500 dark:text-slate-400">{a.user.email}</div>
                </>
              ) : (
                <span className="break-words">{alertUserLabel(a.user)}</span>
              )}
            </td>
            <td className="py-2 pr-4 align-top text-xs whitespace-nowrap">
              <ActivitySpan first={a.firstActivityAt} last={a.lastActivityAt} />
            </td>
            <td className="py-2 pr-4 align-top whitespace-nowrap" data-testid="alert-row-status">
              <AlertStatusBadge status={a.status} />
            </td>
            <td className="py-2 align-top whitespace-nowrap" data-testid="alert-row-assignee">
              {a.assignee ? <span title={a.assignee.email}>{a.assignee.name}</span> : <span className="text-slate-500 dark:text-slate-400">Unassigned</span>}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
