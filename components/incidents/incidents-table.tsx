"use client";

import Link from "next/link";
import type { TIncidentDto } from "@/lib/shared/schemas/incidents";
import { ActivitySpan } from "../alerts/activity-span";
import { AlertStatusBadge } from "../alerts/alert-status-badge";
import { SeverityBadge } from "../alerts/severity-badge";
import { DataTable, type DataTableColumn } from "../ui/data-table";
import { CHECKBOX, SelectAllCheckbox } from "../ui/select-all-checkbox";
import { countOf, incidentUserLabel } from "./incident-format";

type Selection = Readonly<{ selected: ReadonlySet<string>; onToggle: (id: string) => void; onToggleAll: (select: boolean) => void }>;

type Props = Readonly<{ incidents: readonly TIncidentDto[]; selection?: Selection }>;

const COLUMNS: readonly DataTableColumn[] = [
  { label: "Severity" },
  { label: "User" },
  { label: "Alerts" },
  { label: "First / last activity" },
  { label: "Assignee" },
  { label: "Status" },
];

/** The queue's rows, each linking to its incident; with `selection` (analysts and admins) a checkbox for the bulk actions. */
export function IncidentsTable({ incidents, selection }: Props) {
  const columns = selection
    ? [{ label: "Select", header: <SelectAllCheckbox ids={incidents.map((i) => i.id)} selected={selection.selected} onToggleAll={selection.onToggleAll} />, className: "w-8" }, ...COLUMNS]
    : COLUMNS;
  return (
    <DataTable columns={columns}>
      {incidents.map((incident) => {
        const isSelected = selection?.selected.has(incident.id) ?? false;
        const who = incidentUserLabel(incident.user);
        return (
          <tr key={incident.id} data-testid="incident-row" data-incident-id={incident.id} className={isSelected ? "bg-brand-50/60 dark:bg-brand-700/10" : undefined}>
            {selection ? (
              <td className="py-2 pr-4 align-top">
                <input type="checkbox" aria-label={`Select incident of ${who}`} className={`${CHECKBOX} mt-0.5`} checked={isSelected} onChange={() => selection.onToggle(incident.id)} />
              </td>
            ) : null}
            <td className="py-2 pr-4 align-top" data-testid="incident-row-severity">
              <SeverityBadge severity={incident.severity} />
            </td>
            <td className="min-w-48 py-2 pr-4 align-top">
              <Link href={`/incidents/${incident.id}`} className="font-medium break-words text-brand-700 hover:underline dark:text-sky-300">
                {who}
              </Link>
              {incident.user.name && incident.user.email ? <div className="text-xs break-words text-slate-500 dark:text-slate-400">{incident.user.email}</div> : null}
            </td>
            <td className="min-w-48 py-2 pr-4 align-top" data-testid="incident-row-alerts">
              <div>
                {countOf(incident.alertCount, "alert")} · {countOf(incident.policies.length, "policy", "policies")}
              </div>
              <div className="line-clamp-2 text-xs text-slate-500 dark:text-slate-400" title={incident.policies.map((p) => p.name).join(", ")}>
                {incident.policies.map((p) => p.name).join(", ")}
              </div>
            </td>
            <td className="py-2 pr-4 align-top text-xs whitespace-nowrap">
              <ActivitySpan first={incident.firstActivityAt} last={incident.lastActivityAt} />
            </td>
            <td className="py-2 pr-4 align-top whitespace-nowrap" data-testid="incident-row-assignee">
              {incident.assignee ? <span title={incident.assignee.email}>{incident.assignee.name}</span> : <span className="text-slate-500 dark:text-slate-400">Unassigned</span>}
            </td>
            <td className="py-2 align-top whitespace-nowrap" data-testid="incident-row-status">
              <AlertStatusBadge status={incident.status} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
