"use client";

import { DASHBOARD_RANGE_LABELS, DASHBOARD_RANGES, type TDashboardRange } from "@/lib/shared/schemas/dashboard";

type Props = Readonly<{ value: TDashboardRange; onChange: (range: TDashboardRange) => void }>;

/** Segmented buttons 24h / 7d / 30d / 90d; the pressed one is the current range. */
export function RangeSelector({ value, onChange }: Props) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 dark:border-slate-700 dark:bg-slate-900">
      {DASHBOARD_RANGES.map((range) => (
        <button
          key={range}
          type="button"
          aria-pressed={range === value}
          title={DASHBOARD_RANGE_LABELS[range]}
          onClick={() => onChange(range)}
          className={`rounded px-3 py-1 text-sm font-medium ${
            range === value ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
          }`}
        >
          {range}
        </button>
      ))}
    </div>
  );
}
