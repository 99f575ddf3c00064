"use client";

import { useId } from "react";
import { ALERT_SORTS, type TAlertSort } from "@/lib/shared/schemas/alerts";

const SORT_LABELS: Record<TAlertSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  severity: "Severity (high first)",
  last_activity: "Latest activity first",
};

/** The list's order (URL param `sort`; newest is the default and left out of the URL). */
export function AlertSortSelect({ value, onChange }: Readonly<{ value: string | undefined; onChange: (sort: TAlertSort | undefined) => void }>) {
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-300">
        Sort
      </label>
      <select
        id={id}
        value={value ?? "newest"}
        onChange={(e) => onChange(e.target.value === "newest" ? undefined : (e.target.value as TAlertSort))}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        {ALERT_SORTS.map((s) => (
          <option key={s} value={s}>
            {SORT_LABELS[s]}
          </option>
        ))}
      </select>
    </div>
  );
}
