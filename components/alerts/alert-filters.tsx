"use client";

import { useId, useState, type FormEvent } from "react";
import type { TAlertFilters } from "@/lib/client/queries/alerts";
import { BUILTIN_POLICIES } from "@/lib/detection/builtin-policies";
import { SEVERITIES, SEVERITY_LABELS, type TAlertAssigneeDto } from "@/lib/shared/schemas/alerts";
import { TimeRangeFields } from "../activities/time-range-fields";
import { Button } from "../ui/button";
import { FilterSelect, optionsById, optionsOf } from "../ui/filter-select";

type Props = Readonly<{
  filters: TAlertFilters;
  policies: readonly { key: string; name: string }[];
  connectors: readonly { id: string; name: string }[];
  assignees: readonly TAlertAssigneeDto[];
  onChange: (filters: TAlertFilters) => void;
  /** The form's accessible name (the incident queue takes the same filters). */
  label?: string;
}>;

/** Posture regressions are alerts too, raised by the posture job rather than a policy. */
const EXTRA_POLICIES = [{ key: "posture_regression", name: "Security posture regression" }];

const SEVERITY_OPTIONS = optionsOf(SEVERITIES, SEVERITY_LABELS);
const FIXED_ASSIGNEES = [
  { value: "me", label: "Assigned to me" },
  { value: "unassigned", label: "Unassigned" },
];

const INPUT =
  "block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-brand-500 dark:border-slate-700 dark:bg-slate-900";

/**
 * Severity, policy, connector, assignee, user and time range. Selects and dates apply at once, the user box
 * on Enter or Apply; the view keeps everything in the URL. (Status is the tabs above the table, sort is beside them.)
 */
export function AlertFilters({ filters, policies, connectors, assignees, onChange, label = "Alert filters" }: Props) {
  const id = useId();
  const [user, setUser] = useState(filters.user ?? "");
  const set = (name: keyof TAlertFilters, value: string | undefined) => onChange({ ...filters, [name]: value || undefined });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    set("user", user.trim());
  };
  const policyOptions = [...(policies.length > 0 ? policies : BUILTIN_POLICIES), ...EXTRA_POLICIES];
  return (
    <form onSubmit={onSubmit} aria-label={label} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <FilterSelect label="Severity" anyLabel="Any severity" options={SEVERITY_OPTIONS} value={filters.severity} onChange={(v) => set("severity", v)} />
      <FilterSelect label="Policy" anyLabel="Any policy" options={policyOptions.map((p) => ({ value: p.key, label: p.name }))} value={filters.policyKey} onChange={(v) => set("policyKey", v)}>
        {filters.policyKey && !policyOptions.some((p) => p.key === filters.policyKey) ? <option value={filters.policyKey}>{filters.policyKey}</option> : null}
      </FilterSelect>
      <FilterSelect label="Connector" anyLabel="All connectors" options={optionsById(connectors)} value={filters.connectorId} onChange={(v) => set("connectorId", v)}>
        {filters.connectorId && !connectors.some((c) => c.id === filters.connectorId) ? <option value={filters.connectorId}>This connector</option> : null}
      </FilterSelect>
      <FilterSelect
        label="Assignee"
        anyLabel="Anyone"
        options={[...FIXED_ASSIGNEES, ...assignees.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))]}
        value={filters.assignee}
        onChange={(v) => set("assignee", v)}
      />
      <div className="space-y-1">
        <label htmlFor={`${id}-user`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          User
        </label>
        <div className="flex gap-2">
          <input id={`${id}-user`} type="search" className={INPUT} value={user} onChange={(e) => setUser(e.target.value)} placeholder="Email or account id" />
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </div>
      </div>
      <TimeRangeFields from={filters.from} to={filters.to} errors={{}} onChange={(from, to) => onChange({ ...filters, from, to })} />
    </form>
  );
}
