"use client";

import { useId } from "react";

type Props<T extends string> = Readonly<{
  value: string | undefined;
  options: Readonly<Record<T, string>>;
  /** The list's default order: shown when the URL has none, and left out of the URL. */
  defaultValue: T;
  onChange: (sort: T | undefined) => void;
}>;

/** A list's order (URL param `sort`). */
export function SortSelect<T extends string>({ value, options, defaultValue, onChange }: Props<T>) {
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-300">
        Sort
      </label>
      <select
        id={id}
        value={value ?? defaultValue}
        onChange={(e) => onChange(e.target.value === defaultValue ? undefined : (e.target.value as T))}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        {(Object.entries(options) as [T, string][]).map(([sort, label]) => (
          <option key={sort} value={sort}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
