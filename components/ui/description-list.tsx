import type { ReactNode } from "react";

/** One row: `hint` explains the label (shown under it); `testId` marks the value for tests. */
export type DescriptionItem = Readonly<{ label: string; value: ReactNode; hint?: ReactNode; testId?: string }>;

/** Label/value rows (stats, settings), as a <dl> so screen readers pair each value with its label. */
export function DescriptionList({ items }: Readonly<{ items: readonly DescriptionItem[] }>) {
  return (
    <dl className="divide-y divide-slate-200 dark:divide-slate-800">
      {items.map((item) => (
        <div key={item.label} className="flex items-start justify-between gap-4 py-2 text-sm">
          <dt className="min-w-0 flex-1 text-slate-600 dark:text-slate-400">
            {item.label}
            {item.hint ? <span className="block text-xs text-slate-500 dark:text-slate-400">{item.hint}</span> : null}
          </dt>
          <dd className="max-w-[60%] shrink-0 text-right font-medium tabular-nums" data-testid={item.testId}>
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
