"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { ALERT_FILTER_NAMES, alertAssigneesQuery, alertSearchParams, alertsQuery, type TAlertFilters } from "@/lib/client/queries/alerts";
import { connectorsQuery } from "@/lib/client/queries/connectors";
import { policiesQuery } from "@/lib/client/queries/policies";
import type { TAlertStatus } from "@/lib/shared/schemas/alerts";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { LoadMore } from "../ui/load-more";
import { QueryState } from "../ui/query-state";
import { AlertBulkBar } from "./alert-bulk-bar";
import { AlertFilters } from "./alert-filters";
import { AlertSortSelect } from "./alert-sort-select";
import { AlertStatusTabs } from "./alert-status-tabs";
import { AlertsTable } from "./alerts-table";

/**
 * /alerts: filters, sort and status tab in the URL (shareable, reload-safe), counts per status, keyset
 * "Load more", and for analysts and admins row selection with bulk status and assignee changes.
 */
export function AlertsView({ canAct }: Readonly<{ canAct: boolean }>) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo<TAlertFilters>(() => Object.fromEntries(ALERT_FILTER_NAMES.flatMap((n) => (searchParams.get(n) ? [[n, searchParams.get(n)]] : []))), [searchParams]);
  const query = useInfiniteQuery(alertsQuery(filters));
  const assignees = useQuery(alertAssigneesQuery());
  const connectors = useQuery(connectorsQuery());
  const policies = useQuery(policiesQuery());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const alerts = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  const counts = query.data?.pages[0]?.counts;
  const visible = new Set(alerts.map((a) => a.id));
  const selectedIds = [...selected].filter((id) => visible.has(id));
  const titles = new Map(alerts.map((a) => [a.id, a.title]));
  const isFiltered = ALERT_FILTER_NAMES.some((name) => name !== "sort" && name !== "status" && filters[name]);

  const hrefOf = (next: TAlertFilters) => {
    const params = alertSearchParams(next).toString();
    return `${pathname}${params ? `?${params}` : ""}`;
  };
  const onChange = (next: TAlertFilters) => {
    setSelected(new Set());
    router.replace(hrefOf(next), { scroll: false });
  };

  const selection = canAct
    ? {
        selected,
        onToggle: (id: string) =>
          setSelected((s) => {
            const next = new Set(s);
            if (!next.delete(id)) next.add(id);
            return next;
          }),
        onToggleAll: (select: boolean) => setSelected(select ? new Set(alerts.map((a) => a.id)) : new Set()),
      }
    : undefined;

  return (
    <div className="space-y-6">
      <Card
        title="Filters"
        actions={
          isFiltered ? (
            <Button variant="ghost" onClick={() => onChange({ status: filters.status, sort: filters.sort })}>
              Clear filters
            </Button>
          ) : null
        }
      >
        <AlertFilters
          key={filters.user ?? ""}
          filters={filters}
          policies={policies.data ?? []}
          connectors={connectors.data ?? []}
          assignees={assignees.data ?? []}
          onChange={onChange}
        />
      </Card>
      <Card title="Alerts" description="Raised by the built-in anomaly policies, your custom policies and posture regressions.">
        <div className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <AlertStatusTabs current={filters.status} counts={counts} hrefOf={(status?: TAlertStatus) => hrefOf({ ...filters, status })} />
            <AlertSortSelect value={filters.sort} onChange={(sort) => onChange({ ...filters, sort })} />
          </div>
          {canAct ? <AlertBulkBar selectedIds={selectedIds} titles={titles} assignees={assignees.data ?? []} onDone={() => setSelected(new Set())} /> : null}
          <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
            {alerts.length === 0 ? (
              <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">
                {isFiltered
                  ? "No alerts match these filters."
                  : filters.status
                    ? "No alerts with this status."
                    : "No alerts yet: they appear here within seconds of the activity that raises them."}
              </p>
            ) : (
              <div aria-busy={query.isFetching || undefined} className={query.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
                <AlertsTable alerts={alerts} selection={selection} />
              </div>
            )}
            <LoadMore query={query} className="" />
          </QueryState>
        </div>
      </Card>
    </div>
  );
}
