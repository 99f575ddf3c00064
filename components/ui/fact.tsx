import type { ReactNode } from "react";

/** One labelled figure of a summary grid (inside a <dl>), e.g. a triage card's Status or Severity. */
export function Fact({ label, children, testId }: Readonly<{ label: string; children: ReactNode; testId?: string }>) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-sm" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
