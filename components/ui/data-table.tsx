import type { ReactNode } from "react";

/** `header` replaces the label in the header cell (e.g. a "Select all" checkbox); the label stays the key. */
export type DataTableColumn = Readonly<{ label: string; className?: string; isLabelHidden?: boolean; header?: ReactNode }>;

/**
 * The shell every list table shares: horizontal scroll on narrow screens, header row, divided body. The scroll
 * box takes focus so that keyboard users can scroll a table wider than the screen (WCAG 2.1.1); `label` names it.
 */
export function DataTable({ columns, label, children }: Readonly<{ columns: readonly DataTableColumn[]; label?: string; children: ReactNode }>) {
  return (
    <div tabIndex={0} role={label ? "region" : undefined} aria-label={label} className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            {columns.map((column, i) => (
              <th key={column.label} className={`py-2 font-medium whitespace-nowrap ${i < columns.length - 1 ? "pr-4" : ""} ${column.className ?? ""}`}>
                {column.header ?? (column.isLabelHidden ? <span className="sr-only">{column.label}</span> : column.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}
