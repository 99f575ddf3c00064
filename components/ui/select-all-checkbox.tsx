"use client";

import { useEffect, useRef } from "react";

export const CHECKBOX = "size-4 rounded border-slate-300 accent-brand-600 dark:border-slate-600";

type Props = Readonly<{ ids: readonly string[]; selected: ReadonlySet<string>; onToggleAll: (select: boolean) => void }>;

/** The header checkbox of a selectable table: checked when every row is, indeterminate when some are. */
export function SelectAllCheckbox({ ids, selected, onToggleAll }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  const count = ids.filter((id) => selected.has(id)).length;
  const isAll = count > 0 && count === ids.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !isAll;
  }, [count, isAll]);
  return <input ref={ref} type="checkbox" aria-label="Select all" className={CHECKBOX} checked={isAll} onChange={(e) => onToggleAll(e.target.checked)} />;
}
