"use client";

import { useId, useState, type FormEvent } from "react";
import type { TAlertFilters } from "@/lib/client/queries/alerts";
import { BUILTIN_POLICIES } from "@/lib/detection/builtin-policies";
import { SEVERITIES, SEVERITY_LABELS, type TAlertAssigneeDto } from "@/lib/shared/schemas/alerts";
import { TimeRangeFields } from "../activities/time-range-fields";
import { Button } from "../ui/button";
import { SelectField } from "../ui/field";

type Props = Readonly<{
  filters: TAlertFilters;
  policies: readonly { key: string; name: string }[];
  connectors: readonly { id: string; name: string }[];
  assignees: readonly TAlertAssigneeDto[];
  onChange: (filters: TAlertFilters) => void;
}>;

/** Posture regressions are alerts too, raised by the posture job rather than a policy. */
const EXTRA_POLICIES = [{ key: "posture_regression", name: "Security posture regression" }];

const INPUT =
  "block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-brand-500 dark:border-slate-700 dark:bg-slate-900";

/**
 * Severity, policy, connector, assignee, user and time range. Selects and dates apply at once, the user box
 * on Enter or Apply; the view keeps everything in the URL. (Status is the tabs above the table, sort is beside them.)
 */
export function AlertFilters({ filters, policies, connectors, assignees, onChange }: Props) {
  const id = useId();
  const [user, setUser] = useState(filters.user ?? "");
  const set = (name: keyof TAlertFilters, value: string | undefined) => onChange({ ...filters, [name]: value || undefined });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    set("user", user.trim());
  };
  const policyOptions = [...(policies.length > 0 ? policies : BUILTIN_POLICIES), ...EXTRA_POLICIES];
  return (
    <form onSubmit={onSubmit} aria-label="Alert filters" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <SelectField label="Severity" value={filters.severity ?? ""} onChange={(e) => set("severity", e.target.value)}>
        <option value="">Any severity</option>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {SEVERITY_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Policy" value={filters.policyKey ?? ""} onChange={(e) => set("policyKey", e.target.value)}>
        <option value="">Any policy</option>
        {policyOptions.map((p) => (
          <option key={p.key} value={p.key}>
            {p.name}
          </option>
        ))}
        {filters.policyKey && !policyOptions.some((p) => p.key === filters.policyKey) ? <option value={filters.policyKey}>{filters.policyKey}</option> : null}
      </SelectField>
      <SelectField label="Connector" value={filters.connectorId ?? ""} onChange={(e) => set("connectorId", e.target.value)}>
        <option value="">All connectors</option>
        {connectors.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
        {filters.connectorId && !connectors.some((c) => c.id === filters.connectorId) ? <option value={filters.connectorId}>This connector</option> : null}
      </SelectField>
      <SelectField label="Assignee" value={filters.assignee ?? ""} onChange={(e) => set("assignee", e.target.value)}>
        <option value="">Anyone</option>
        <option value="me">Assigned to me</option>
        <option value="unassigned">Unassigned</option>
        {assignees.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.email})
          </option>
        ))}
      </SelectField>
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
