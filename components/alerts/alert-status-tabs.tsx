import Link from "next/link";
import { ALERT_STATUSES, ALERT_STATUS_LABELS, type TAlertCounts, type TAlertStatus } from "@/lib/shared/schemas/alerts";
import { formatCount } from "../ui/format";

type Props = Readonly<{
  /** The status filter of the URL (one status), or undefined for all. */
  current: string | undefined;
  counts: TAlertCounts | undefined;
  /** The href of the list with this status filter (the other filters kept). */
  hrefOf: (status: TAlertStatus | undefined) => string;
  /** The tab bar's accessible name. */
  label?: string;
}>;

const TAB = "inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium";
const ACTIVE = "bg-brand-50 text-brand-700 ring-1 ring-brand-500/40 dark:bg-brand-700/20 dark:text-brand-100";
const IDLE = "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800";

/** All / Open / In progress / Resolved / Dismissed, each with its count under the other filters; links, so the status is in the URL. */
export function AlertStatusTabs({ current, counts, hrefOf, label = "Alert status" }: Props) {
  const total = counts ? Object.values(counts).reduce((sum, n) => sum + n, 0) : undefined;
  const tabs: { status: TAlertStatus | undefined; label: string; count: number | undefined }[] = [
    { status: undefined, label: "All", count: total },
    ...ALERT_STATUSES.map((s) => ({ status: s, label: ALERT_STATUS_LABELS[s], count: counts?.[s] })),
  ];
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1">
      {tabs.map((tab) => {
        const isActive = (current ?? undefined) === tab.status;
        return (
          <Link
            key={tab.label}
            href={hrefOf(tab.status)}
            scroll={false}
            aria-current={isActive ? "page" : undefined}
            data-testid={`status-tab-${tab.status ?? "all"}`}
            className={`${TAB} ${isActive ? ACTIVE : IDLE}`}
          >
            {tab.label}
            <span className="rounded-full bg-slate-100 px-1.5 text-xs tabular-nums text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              {tab.count === undefined ? "…" : formatCount(tab.count)}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}
