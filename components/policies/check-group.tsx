import type { ReactNode } from "react";

type Props<T extends string> = Readonly<{
  legend: string;
  /** A line under the legend saying what the choices do. */
  hint?: ReactNode;
  options: readonly T[];
  labels?: Readonly<Record<string, string>>;
  value: readonly T[];
  onChange: (value: T[]) => void;
  disabled?: boolean;
  error?: string;
}>;

/** A row of checkboxes for a multi-choice field (products, IP categories, a policy's actions). */
export function CheckGroup<T extends string>({ legend, hint, options, labels, value, onChange, disabled = false, error }: Props<T>) {
  return (
    <fieldset className="space-y-1" disabled={disabled}>
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{legend}</legend>
      {hint ? <p className="text-xs text-slate-500 dark:text-slate-400">{hint}</p> : null}
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option} className="inline-flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={value.includes(option)}
              onChange={(e) => onChange(e.target.checked ? [...value, option] : value.filter((v) => v !== option))}
            />
            {labels?.[option] ?? option}
          </label>
        ))}
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
