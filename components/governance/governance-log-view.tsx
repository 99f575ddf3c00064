"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { connectorsQuery } from "@/lib/client/queries/connectors";
import { GOVERNANCE_FILTER_NAMES, governanceLogQuery, type TGovernanceLogFilters } from "@/lib/client/queries/governance";
import { Card } from "../ui/card";
import { LoadMore } from "../ui/load-more";
import { QueryState } from "../ui/query-state";
import { GovernanceLogFilters } from "./governance-log-filters";
import { GovernanceLogTable } from "./governance-log-table";

/** /governance: every governance action, newest first; the filters live in the URL. */
export function GovernanceLogView({ canAct }: Readonly<{ canAct: boolean }>) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters: TGovernanceLogFilters = Object.fromEntries(GOVERNANCE_FILTER_NAMES.flatMap((k) => (searchParams.get(k) ? [[k, searchParams.get(k) as string]] : [])));
  const log = useInfiniteQuery(governanceLogQuery(filters));
  const connectors = useQuery(connectorsQuery());
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  const isFiltered = Object.keys(filters).length > 0;

  const onChange = (next: TGovernanceLogFilters) => {
    const params = new URLSearchParams();
    for (const key of GOVERNANCE_FILTER_NAMES) if (next[key]) params.set(key, next[key] as string);
    router.replace(`${pathname}${params.size ? `?${params.toString()}` : ""}`, { scroll: false });
  };

  return (
    <Card
      title="Governance log"
      description="Every action taken against Atlassian users from Watchpost, by a person or a policy, with its outcome. Failed actions stay here with their error."
    >
      <div className="space-y-4">
        <GovernanceLogFilters key={searchParams.toString()} filters={filters} connectors={connectors.data ?? []} onChange={onChange} />
        <QueryState isPending={log.isPending} error={log.error} onRetry={() => void log.refetch()}>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-500">
              {isFiltered ? "No governance action matches these filters." : "No governance actions yet: run one from a user or an alert page, or let a policy run them."}
            </p>
          ) : (
            <GovernanceLogTable entries={rows} canAct={canAct} />
          )}
          <LoadMore query={log} className="" />
        </QueryState>
      </div>
    </Card>
  );
}
