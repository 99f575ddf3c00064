"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { dashboardQuery } from "@/lib/client/queries/dashboard";
import { DASHBOARD_RANGE_LABELS, DEFAULT_DASHBOARD_RANGE, ZDashboardRange, type TDashboardRange } from "@/lib/shared/schemas/dashboard";
import { Alert } from "../ui/alert";
import { QueryState } from "../ui/query-state";
import { ConnectorHealthCard } from "./connector-health-card";
import { DashboardCharts } from "./dashboard-charts";
import { KpiCards } from "./kpi-cards";
import { OpenIncidentsCard } from "./open-incidents-card";
import { RangeSelector } from "./range-selector";
import { SessionsCard } from "./sessions-card";

/** The dashboard's figures and charts for the range in the URL (?range=24h|7d|30d|90d). */
export function DashboardView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const raw = searchParams.get("range");
  const parsed = ZDashboardRange.safeParse(raw ?? DEFAULT_DASHBOARD_RANGE);
  const range: TDashboardRange = parsed.success ? parsed.data : DEFAULT_DASHBOARD_RANGE;
  const dashboard = useQuery(dashboardQuery(range));
  const rangeLabel = DASHBOARD_RANGE_LABELS[range];

  const onRangeChange = (next: TDashboardRange) => {
    const params = new URLSearchParams(searchParams);
    params.set("range", next);
    router.replace(`${pathname}?${params.toString()}`, { scroll: false });
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-500 dark:text-slate-400" aria-live="polite">
          {rangeLabel}
          {dashboard.isFetching && !dashboard.isPending ? " · refreshing…" : ""}
        </p>
        <RangeSelector value={range} onChange={onRangeChange} />
      </div>
      {!parsed.success ? <Alert tone="error">Unknown range “{raw}”: showing {DASHBOARD_RANGE_LABELS[DEFAULT_DASHBOARD_RANGE].toLowerCase()}.</Alert> : null}
      <QueryState isPending={dashboard.isPending} error={dashboard.error} onRetry={() => void dashboard.refetch()}>
        {dashboard.data ? (
          <div className="space-y-6">
            <KpiCards dto={dashboard.data} rangeLabel={rangeLabel} />
            <OpenIncidentsCard />
            <DashboardCharts dto={dashboard.data} rangeLabel={rangeLabel} />
            <SessionsCard sessions={dashboard.data.sessions} from={dashboard.data.from} rangeLabel={rangeLabel} />
            <ConnectorHealthCard connectors={dashboard.data.connectors} processingLag={dashboard.data.processingLag} />
          </div>
        ) : null}
      </QueryState>
    </div>
  );
}
