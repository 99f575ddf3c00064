import { useId, type ReactNode } from "react";

type Props = Readonly<{ title: string; caption: ReactNode; isEmpty: boolean; emptyText: string; testId: string; children: ReactNode; actions?: ReactNode }>;

/**
 * A chart card: a heading that names the chart (its figure's accessible name), the chart, and a caption
 * that says what is counted and over which period. Empty data shows a sentence instead of blank axes.
 */
export function ChartFigure({ title, caption, isEmpty, emptyText, testId, children, actions }: Props) {
  const id = useId();
  return (
    <figure
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      <div className="mt-3 h-64 min-w-0">
        {isEmpty ? <p className="flex h-full items-center justify-center text-sm text-slate-500">{emptyText}</p> : children}
      </div>
      <figcaption className="mt-2 text-xs text-slate-500 dark:text-slate-400">{caption}</figcaption>
    </figure>
  );
}
