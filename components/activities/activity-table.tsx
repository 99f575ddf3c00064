"use client";

import { useRef, type KeyboardEvent } from "react";
import type { TActivityDto } from "@/lib/shared/schemas/activities";
import { Badge } from "../ui/badge";
import { DataTable } from "../ui/data-table";
import { IP_CATEGORY_LABELS, PRODUCT_LABELS, formatActivityTime, formatLocation } from "./activity-format";

const COLUMNS = [
  { label: "Time" },
  { label: "User" },
  { label: "Action" },
  { label: "Product" },
  { label: "Target" },
  { label: "IP" },
  { label: "Location" },
  { label: "IP category" },
  { label: "Connector" },
];

/** The activity rows; ↑/↓ move between rows, Enter (or a click) opens the detail drawer. */
export function ActivityTable({ rows, onOpen }: Readonly<{ rows: readonly TActivityDto[]; onOpen: (id: string) => void }>) {
  const body = useRef<HTMLDivElement>(null);
  const focusRow = (index: number) => body.current?.querySelectorAll<HTMLTableRowElement>("tbody tr")[index]?.focus();
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
    if (event.key === "ArrowDown") focusRow(Math.min(rows.length - 1, index + 1));
    else if (event.key === "ArrowUp") focusRow(Math.max(0, index - 1));
    else if (event.key === "Home") focusRow(0);
    else if (event.key === "End") focusRow(rows.length - 1);
    else if (event.key === "Enter" || event.key === " ") onOpen(id);
    else return;
    event.preventDefault();
  };
  return (
    <div ref={body}>
      <DataTable columns={COLUMNS}>
        {rows.map((a, index) => (
          <tr
            key={a.id}
            tabIndex={0}
            aria-label={`${a.actionName ?? a.action} by ${a.actorName ?? a.actorEmail ?? a.actorId} at ${a.time}`}
            onKeyDown={(e) => onKeyDown(e, index, a.id)}
            onClick={() => onOpen(a.id)}
            className="cursor-pointer hover:bg-slate-50 focus:bg-brand-50 focus:outline-2 focus:outline-brand-500 dark:hover:bg-slate-800/50 dark:focus:bg-slate-800"
          >
            <td className="whitespace-nowrap py-2 pr-4" title={`${a.time} (UTC)`}>
              <time dateTime={a.time}>{formatActivityTime(a.time)}</time>
            </td>
            <td className="py-2 pr-4">
              <div>{a.actorName ?? "—"}</div>
              {a.actorEmail ? <div className="text-xs text-slate-500">{a.actorEmail}</div> : null}
            </td>
            <td className="py-2 pr-4">
              {a.actionName ?? a.action}
              {a.isAdminAction ? <span className="ml-1"><Badge tone="brand">admin</Badge></span> : null}
              {a.isImpersonation ? <span className="ml-1"><Badge tone="amber">impersonation</Badge></span> : null}
              {a.source === "session_proxy" ? <span className="ml-1"><Badge tone="neutral">session proxy</Badge></span> : null}
              {a.sessionOutcome ? <span className="ml-1"><Badge tone={a.sessionOutcome === "blocked" ? "red" : "amber"}>{a.sessionOutcome}</Badge></span> : null}
            </td>
            <td className="py-2 pr-4">{PRODUCT_LABELS[a.product] ?? a.product}</td>
            <td className="py-2 pr-4">{a.targetName ?? "—"}</td>
            <td className="py-2 pr-4 font-mono text-xs">{a.ip ?? "—"}</td>
            <td className="whitespace-nowrap py-2 pr-4">{formatLocation(a)}</td>
            <td className="py-2 pr-4">
              {a.ipCategory ? <Badge tone={a.ipCategory === "risky" ? "red" : "neutral"}>{IP_CATEGORY_LABELS[a.ipCategory] ?? a.ipCategory}</Badge> : null}
              {a.ipTags.map((t) => (
                <span key={t} className="ml-1">
                  <Badge tone={a.ipCategory === "risky" ? "red" : "neutral"}>{t}</Badge>
                </span>
              ))}
              {!a.ipCategory && a.ipTags.length === 0 ? "—" : null}
            </td>
            <td className="py-2">{a.connectorName ?? a.connectorId}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
