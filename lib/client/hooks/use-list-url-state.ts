import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { alertSearchParams, ALERT_FILTER_NAMES, type TAlertFilters } from "../api/alerts";

export type TRowSelection = Readonly<{
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (select: boolean) => void;
  /** The selected rows still listed (a refetch may drop some). */
  selectedIds: string[];
  clear: () => void;
}>;

/**
 * The triage lists' state (alerts and incidents take the same filter names): filters, sort and status tab read from
 * the URL and written back with `replace` (shareable, reload-safe), and the row selection that a filter change clears.
 */
export const useListUrlState = () => {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo<TAlertFilters>(() => Object.fromEntries(ALERT_FILTER_NAMES.flatMap((n) => (searchParams.get(n) ? [[n, searchParams.get(n)]] : []))), [searchParams]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const isFiltered = ALERT_FILTER_NAMES.some((name) => name !== "sort" && name !== "status" && filters[name]);

  const hrefOf = (next: TAlertFilters) => {
    const params = alertSearchParams(next).toString();
    return `${pathname}${params ? `?${params}` : ""}`;
  };
  const onChange = (next: TAlertFilters) => {
    setSelected(new Set());
    router.replace(hrefOf(next), { scroll: false });
  };
  /** The selection over the rows listed now. */
  const selectionOf = (ids: readonly string[]): TRowSelection => {
    const visible = new Set(ids);
    return {
      selected,
      onToggle: (id) =>
        setSelected((s) => {
          const next = new Set(s);
          if (!next.delete(id)) next.add(id);
          return next;
        }),
      onToggleAll: (select) => setSelected(select ? new Set(ids) : new Set()),
      selectedIds: [...selected].filter((id) => visible.has(id)),
      clear: () => setSelected(new Set()),
    };
  };
  return { filters, isFiltered, hrefOf, onChange, selectionOf };
};
