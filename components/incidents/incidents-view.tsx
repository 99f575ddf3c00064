"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useBulkUpdateIncidents } from "@/lib/client/hooks/use-incident-mutations";
import { useListUrlState } from "@/lib/client/hooks/use-list-url-state";
import { alertAssigneesQuery } from "@/lib/client/queries/alerts";
import { connectorsQuery } from "@/lib/client/queries/connectors";
import { incidentsQuery } from "@/lib/client/queries/incidents";
import { policiesQuery } from "@/lib/client/queries/policies";
import type { TAlertStatus } from "@/lib/shared/schemas/alerts";
import { AlertBulkBar } from "../alerts/alert-bulk-bar";
import { AlertFilters } from "../alerts/alert-filters";
import { AlertStatusTabs } from "../alerts/alert-status-tabs";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { LoadMore } from "../ui/load-more";
import { QueryState } from "../ui/query-state";
import { SortSelect } from "../ui/sort-select";
import { INCIDENT_SORT_LABELS, incidentUserLabel } from "./incident-format";
import { IncidentsTable } from "./incidents-table";

/**
 * /incidents, the triage queue: an Atlassian account's alerts grouped, most worrying first. The alert list's
 * filters, status tabs, sort and bulk actions, all in the URL; keyset "Load more".
 */
export function IncidentsView({ canAct }: Readonly<{ canAct: boolean }>) {
  const { filters, isFiltered, hrefOf, onChange, selectionOf } = useListUrlState();
  const query = useInfiniteQuery(incidentsQuery(filters));
  const assignees = useQuery(alertAssigneesQuery());
  const connectors = useQuery(connectorsQuery());
  const policies = useQuery(policiesQuery());
  const bulk = useBulkUpdateIncidents();

  const incidents = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  const counts = query.data?.pages[0]?.counts;
  const titles = new Map(incidents.map((i) => [i.id, `Incident of ${incidentUserLabel(i.user)}`]));
  const rowSelection = selectionOf(incidents.map((i) => i.id));

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
          label="Incident filters"
          filters={filters}
          policies={policies.data ?? []}
          connectors={connectors.data ?? []}
          assignees={assignees.data ?? []}
          onChange={onChange}
        />
      </Card>
      <Card title="Incidents" description="Alerts about the same Atlassian account within the grouping window, triaged as one.">
        <div className="space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <AlertStatusTabs label="Incident status" current={filters.status} counts={counts} hrefOf={(status?: TAlertStatus) => hrefOf({ ...filters, status })} />
            <SortSelect value={filters.sort} options={INCIDENT_SORT_LABELS} defaultValue="priority" onChange={(sort) => onChange({ ...filters, sort })} />
          </div>
          {canAct ? <AlertBulkBar noun="incident" selectedIds={rowSelection.selectedIds} titles={titles} assignees={assignees.data ?? []} onDone={rowSelection.clear} bulk={bulk} /> : null}
          <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
            {incidents.length === 0 ? (
              <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">
                {isFiltered
                  ? "No incidents match these filters."
                  : filters.status
                    ? "No incidents with this status."
                    : "No incidents yet: an alert about an Atlassian account opens one, and that account's next alerts join it."}
              </p>
            ) : (
              <div aria-busy={query.isFetching || undefined} className={query.isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
                <IncidentsTable incidents={incidents} selection={canAct ? rowSelection : undefined} />
              </div>
            )}
            <LoadMore query={query} className="" />
          </QueryState>
        </div>
      </Card>
    </div>
  );
}
