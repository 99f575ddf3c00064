"use client";

import type { TAlertSort } from "@/lib/shared/schemas/alerts";
import { SortSelect } from "../ui/sort-select";

const SORT_LABELS: Record<TAlertSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  severity: "Severity (high first)",
  last_activity: "Latest activity first",
};

/** The list's order (URL param `sort`; newest is the default and left out of the URL). */
export function AlertSortSelect({ value, onChange }: Readonly<{ value: string | undefined; onChange: (sort: TAlertSort | undefined) => void }>) {
  return <SortSelect value={value} options={SORT_LABELS} defaultValue="newest" onChange={onChange} />;
}
