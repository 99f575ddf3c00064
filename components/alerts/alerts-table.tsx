"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import type { TAlertListItemDto } from "@/lib/shared/schemas/alerts";
import { DataTable, type DataTableColumn } from "../ui/data-table";
import { LOCALE } from "../ui/format";
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

const THIS_YEAR = new Date().getFullYear();

/** "24 Nov, 09:02" (the year only when it is not this one): the list is narrow, the ISO value is in the title. */
const shortTime = (iso: string): string => {
  const date = new Date(iso);
  return date.toLocaleString(LOCALE, { day: "numeric", month: "short", ...(date.getFullYear() === THIS_YEAR ? {} : { year: "numeric" }), hour: "2-digit", minute: "2-digit" });
};

const CHECKBOX = "size-4 rounded border-slate-300 accent-brand-600 dark:border-slate-600";

function SelectAll({ alerts, selection }: Readonly<{ alerts: readonly TAlertListItemDto[]; selection: Selection }>) {
  const ref = useRef<HTMLInputElement>(null);
  const count = alerts.filter((a) => selection.selected.has(a.id)).length;
  const isAll = count > 0 && count === alerts.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !isAll;
  }, [count, isAll]);
  return <input ref={ref} type="checkbox" aria-label="Select all" className={CHECKBOX} checked={isAll} onChange={(e) => selection.onToggleAll(e.target.checked)} />;
}

/** The alert rows; with `selection` (analysts and admins) each row has a checkbox for the bulk actions. */
export function AlertsTable({ alerts, selection }: Props) {
  const columns = selection ? [{ label: "Select", header: <SelectAll alerts={alerts} selection={selection} />, className: "w-8" }, ...COLUMNS] : COLUMNS;
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
              <time dateTime={a.firstActivityAt} title={`First activity ${a.firstActivityAt}`} className="block">
                {shortTime(a.firstActivityAt)}
              </time>
              {a.lastActivityAt !== a.firstActivityAt ? (
                <time dateTime={a.lastActivityAt} title={`Last activity ${a.lastActivityAt}`} className="block text-slate-500 dark:text-slate-400">
                  → {shortTime(a.lastActivityAt)}
                </time>
              ) : null}
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
