/** A labelled progress bar; without `percent` it is indeterminate (no aria-valuenow, animated). */
export function ProgressBar({ label, percent }: Readonly<{ label: string; percent: number | null }>) {
  const value = percent === null ? null : Math.round(Math.min(100, Math.max(0, percent)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      aria-valuetext={value === null ? "In progress" : `${value}%`}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
    >
      <div
        className={`h-full rounded-full bg-brand-600 transition-[width] duration-500 ${value === null ? "w-1/3 animate-pulse" : ""}`}
        style={value === null ? undefined : { width: `${Math.max(value, 2)}%` }}
      />
    </div>
  );
}
