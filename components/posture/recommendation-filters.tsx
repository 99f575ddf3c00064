"use client";

import { CATEGORY_LABELS, POSTURE_CATEGORIES, RECOMMENDATION_STATES, RECOMMENDATION_STATUSES, STATE_LABELS, STATUS_LABELS } from "@/lib/shared/schemas/posture";

export type TPostureFilters = Readonly<{ category: string; status: string; state: string }>;

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/** Category, status and state filters; the values live in the URL (?category=&status=&state=). */
export function RecommendationFilters({ value, onChange }: Readonly<{ value: TPostureFilters; onChange: (name: keyof TPostureFilters, value: string) => void }>) {
  const field = (name: keyof TPostureFilters, label: string, options: readonly (readonly [string, string])[]) => (
    <label className="flex items-center gap-2 text-sm">
      <span>{label}</span>
      <select className={SELECT} value={value[name]} onChange={(e) => onChange(name, e.target.value)}>
        <option value="">All</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div role="group" aria-label="Filter recommendations" className="flex flex-wrap gap-4">
      {field("category", "Category", POSTURE_CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]] as const))}
      {field("status", "Status", RECOMMENDATION_STATUSES.map((s) => [s, STATUS_LABELS[s]] as const))}
      {field("state", "State", RECOMMENDATION_STATES.map((s) => [s, STATE_LABELS[s]] as const))}
    </div>
  );
}
