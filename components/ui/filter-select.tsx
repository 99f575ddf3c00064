"use client";

import { useId } from "react";

const CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

type Props = Readonly<{
  label: string;
  value: string | undefined;
  /** The first option, for "no filter" (its value is ""). */
  anyLabel: string;
  options: readonly Readonly<{ value: string; label: string }>[];
  onChange: (value: string | undefined) => void;
}>;

/** A list filter applied at once; label above its select, tied by id (a wrapping label would add the value to its name). */
export function FilterSelect({ label, value, anyLabel, options, onChange }: Props) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)} className={CONTROL}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
