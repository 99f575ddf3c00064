"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ALERT_FILTER_NAMES, alertKeys, fetchAlertsPage, type AlertFilters as TFilters } from "@/lib/client/queries/alerts";
import { LoadMore } from "../ui/load-more";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { AlertFilters } from "./alert-filters";
import { AlertsTable } from "./alerts-table";

/** The read-only alerts list, newest first, refreshed every 10 s; filters live in the URL. */
export function AlertsView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters: TFilters = Object.fromEntries(ALERT_FILTER_NAMES.map((name) => [name, searchParams.get(name) ?? undefined]));
  const query = useInfiniteQuery({
    queryKey: alertKeys.list(filters),
    queryFn: ({ pageParam }) => fetchAlertsPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 10_000,
  });
  const alerts = query.data?.pages.flatMap((p) => p.data) ?? [];
  const isFiltered = ALERT_FILTER_NAMES.some((name) => filters[name]);

  const onChange = (next: TFilters) => {
    const params = new URLSearchParams();
    for (const name of ALERT_FILTER_NAMES) {
      const value = next[name];
      if (value) params.set(name, value);
    }
    router.replace(`${pathname}${params.size ? `?${params.toString()}` : ""}`);
  };

  return (
    <Card title="Alerts" description="Raised by the built-in anomaly policies and your custom policies, newest first." actions={<AlertFilters key={filters.user ?? ""} filters={filters} onChange={onChange} />}>
      <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        {alerts.length === 0 ? (
          <p className="text-sm text-slate-500">{isFiltered ? "No alerts match these filters." : "No alerts yet: they appear here within seconds of the activity that raises them."}</p>
        ) : (
          <AlertsTable alerts={alerts} />
        )}
        <LoadMore query={query} />
      </QueryState>
    </Card>
  );
}
