"use client";

import { useState, type FormEvent } from "react";
import type { TGovernanceLogFilters } from "@/lib/client/queries/governance";
import { GOVERNANCE_ACTION_LABELS, GOVERNANCE_ACTIONS, WORK_STATUSES } from "@/lib/shared/schemas/governance";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { FilterSelect, optionsById, optionsOf } from "../ui/filter-select";

type Props = Readonly<{ filters: TGovernanceLogFilters; connectors: readonly { id: string; name: string }[]; onChange: (filters: TGovernanceLogFilters) => void }>;

const ACTION_OPTIONS = optionsOf(GOVERNANCE_ACTIONS, GOVERNANCE_ACTION_LABELS);
const STATUS_OPTIONS = optionsOf(WORK_STATUSES, { pending: "Pending", succeeded: "Succeeded", failed: "Failed" });

/** Connector, action and status apply at once; the user (account id) on submit. The view keeps them in the URL. */
export function GovernanceLogFilters({ filters, connectors, onChange }: Props) {
  const [accountId, setAccountId] = useState(filters.accountId ?? "");
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, accountId: accountId.trim() || undefined });
  };
  return (
    <form role="search" aria-label="Filter the governance log" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
      <FilterSelect label="Connector" anyLabel="All connectors" options={optionsById(connectors)} value={filters.connectorId} onChange={(connectorId) => onChange({ ...filters, connectorId })} />
      <FilterSelect label="Action" anyLabel="Any action" options={ACTION_OPTIONS} value={filters.action} onChange={(action) => onChange({ ...filters, action })} />
      <FilterSelect label="Status" anyLabel="Any status" options={STATUS_OPTIONS} value={filters.status} onChange={(status) => onChange({ ...filters, status })} />
      <div className="w-64">
        <TextField label="User" type="search" value={accountId} onChange={(e) => setAccountId(e.target.value)} placeholder="Atlassian account id" />
      </div>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
