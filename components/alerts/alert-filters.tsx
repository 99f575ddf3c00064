"use client";

import { useState, type FormEvent } from "react";
import { BUILTIN_POLICIES } from "@/lib/detection/builtin-policies";
import type { AlertFilters as TFilters } from "@/lib/client/queries/alerts";
import { ALERT_STATUSES, ALERT_STATUS_LABELS, SEVERITIES, SEVERITY_LABELS } from "@/lib/shared/schemas/alerts";
import { Button } from "../ui/button";

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

type Props = Readonly<{ filters: TFilters; onChange: (filters: TFilters) => void }>;

/** Status, severity, policy and user filters; the page keeps them in the URL. */
export function AlertFilters({ filters, onChange }: Props) {
  const [user, setUser] = useState(filters.user ?? "");
  const set = (name: keyof TFilters, value: string) => onChange({ ...filters, [name]: value || undefined });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    set("user", user.trim());
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-3 text-sm" aria-label="Alert filters">
      <label className="flex items-center gap-2">
        <span>Status</span>
        <select className={SELECT} value={filters.status ?? ""} onChange={(e) => set("status", e.target.value)}>
          <option value="">Any status</option>
          {ALERT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ALERT_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2">
        <span>Severity</span>
        <select className={SELECT} value={filters.severity ?? ""} onChange={(e) => set("severity", e.target.value)}>
          <option value="">Any severity</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2">
        <span>Policy</span>
        <select className={SELECT} value={filters.policyKey ?? ""} onChange={(e) => set("policyKey", e.target.value)}>
          <option value="">Any policy</option>
          {BUILTIN_POLICIES.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
          {filters.policyKey?.startsWith("custom:") ? <option value={filters.policyKey}>Custom policy</option> : null}
        </select>
      </label>
      <label className="flex items-center gap-2">
        <span>User</span>
        <input className={SELECT} value={user} onChange={(e) => setUser(e.target.value)} placeholder="Email or account id" />
      </label>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
