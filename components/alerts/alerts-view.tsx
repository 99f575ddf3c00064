"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useListUrlState } from "@/lib/client/hooks/use-list-url-state";
import { alertAssigneesQuery, alertsQuery } from "@/lib/client/queries/alerts";
import { connectorsQuery } from "@/lib/client/queries/connectors";
import { policiesQuery } from "@/lib/client/queries/policies";
import { useBulkUpdateAlerts } from "@/lib/client/hooks/use-alert-mutations";
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
  const { filters, isFiltered, hrefOf, onChange, selectionOf } = useListUrlState();
  const query = useInfiniteQuery(alertsQuery(filters));
  const assignees = useQuery(alertAssigneesQuery());
  const connectors = useQuery(connectorsQuery());
  const policies = useQuery(policiesQuery());
  const bulk = useBulkUpdateAlerts();

  const alerts = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  const counts = query.data?.pages[0]?.counts;
  const titles = new Map(alerts.map((a) => [a.id, a.title]));
  const rowSelection = selectionOf(alerts.map((a) => a.id));
  const selection = canAct ? rowSelection : undefined;

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
          {canAct ? <AlertBulkBar selectedIds={rowSelection.selectedIds} titles={titles} assignees={assignees.data ?? []} onDone={rowSelection.clear} bulk={bulk} /> : null}
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
