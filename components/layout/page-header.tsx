import type { ReactNode } from "react";

export function PageHeader({ title, description, actions }: Readonly<{ title: string; description?: ReactNode; actions?: ReactNode }>) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description ? <p className="mt-1 max-w-2xl text-sm text-slate-500 dark:text-slate-400">{description}</p> : null}
      </div>
      {actions}
    </div>
  );
}
