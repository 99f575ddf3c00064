const STEPS = ["Choose the app", "Name the instance", "Connect the organization"] as const;

/** Where the admin is in the wizard; the current step is announced with aria-current="step". */
export function WizardProgress({ step }: Readonly<{ step: number }>) {
  return (
    <nav aria-label="Wizard steps">
      <ol className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {STEPS.map((label, index) => {
          const isCurrent = index === step;
          const isDone = index < step;
          return (
            <li key={label} aria-current={isCurrent ? "step" : undefined} className="flex items-center gap-2">
              <span
                aria-hidden
                className={`flex size-6 items-center justify-center rounded-full text-xs font-semibold ${
                  isCurrent ? "bg-brand-600 text-white" : isDone ? "bg-brand-100 text-brand-700 dark:bg-brand-700/30 dark:text-brand-100" : "bg-slate-200 text-slate-600 dark:bg-slate-800 dark:text-slate-300"
                }`}
              >
                {isDone ? "✓" : index + 1}
              </span>
              <span className={isCurrent ? "font-medium" : "text-slate-500 dark:text-slate-400"}>
                {label}
                {isDone ? <span className="sr-only"> (done)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
