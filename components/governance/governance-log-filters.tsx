"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import type { TGovernanceLogFilters } from "@/lib/client/queries/governance";
import { GOVERNANCE_ACTION_LABELS, GOVERNANCE_ACTIONS, WORK_STATUSES } from "@/lib/shared/schemas/governance";
import { Button } from "../ui/button";

type Props = Readonly<{ filters: TGovernanceLogFilters; connectors: readonly { id: string; name: string }[]; onChange: (filters: TGovernanceLogFilters) => void }>;

const CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
const STATUS_LABELS = { pending: "Pending", succeeded: "Succeeded", failed: "Failed" } as const;

function Labelled({ id, label, children }: Readonly<{ id: string; label: string; children: ReactNode }>) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** Connector, action and status apply at once; the user (account id) on submit. The view keeps them in the URL. */
export function GovernanceLogFilters({ filters, connectors, onChange }: Props) {
  const [accountId, setAccountId] = useState(filters.accountId ?? "");
  const id = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, accountId: accountId.trim() || undefined });
  };
  return (
    <form role="search" aria-label="Filter the governance log" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <Labelled id={`${id}-connector`} label="Connector">
        <select id={`${id}-connector`} value={filters.connectorId ?? ""} onChange={(e) => onChange({ ...filters, connectorId: e.target.value || undefined })} className={CONTROL}>
          <option value="">All connectors</option>
          {connectors.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id={`${id}-action`} label="Action">
        <select id={`${id}-action`} value={filters.action ?? ""} onChange={(e) => onChange({ ...filters, action: e.target.value || undefined })} className={CONTROL}>
          <option value="">Any action</option>
          {GOVERNANCE_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {GOVERNANCE_ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id={`${id}-status`} label="Status">
        <select id={`${id}-status`} value={filters.status ?? ""} onChange={(e) => onChange({ ...filters, status: e.target.value || undefined })} className={CONTROL}>
          <option value="">Any status</option>
          {WORK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id={`${id}-user`} label="User">
        <input id={`${id}-user`} type="search" value={accountId} onChange={(e) => setAccountId(e.target.value)} placeholder="Atlassian account id" className={`${CONTROL} w-64`} />
      </Labelled>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
