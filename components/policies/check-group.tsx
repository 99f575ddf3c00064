type Props = Readonly<{ legend: string; options: readonly string[]; labels?: Record<string, string>; value: string[]; onChange: (value: string[]) => void; error?: string }>;

/** A row of checkboxes for a multi-choice filter (products, IP categories). */
export function CheckGroup({ legend, options, labels, value, onChange, error }: Props) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">{legend}</legend>
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
