"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { connectorsQuery } from "@/lib/client/queries/connectors";
import { atlassianUsersQuery, type TUserFilters } from "@/lib/client/queries/users";
import { LoadMore } from "../ui/load-more";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { UserFilters } from "./user-filters";
import { AtlassianUsersTable } from "./users-table";

const FILTER_KEYS = ["q", "connectorId", "status", "admin", "sort"] as const;

/** /users: Atlassian accounts of every connector; every filter lives in the URL. */
export function AtlassianUsersView() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters: TUserFilters = Object.fromEntries(FILTER_KEYS.flatMap((k) => (searchParams.get(k) ? [[k, searchParams.get(k) as string]] : [])));
  const users = useInfiniteQuery(atlassianUsersQuery(filters));
  const connectors = useQuery(connectorsQuery());
  const rows = users.data?.pages.flatMap((p) => p.data) ?? [];
  const isFiltered = Object.keys(filters).some((k) => k !== "sort");

  const onChange = (next: TUserFilters) => {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key]) params.set(key, next[key] as string);
    router.replace(`${pathname}${params.size ? `?${params.toString()}` : ""}`, { scroll: false });
  };

  return (
    <Card title="Atlassian users" description={filters.sort === "name" ? "Managed accounts of every connected organization, by name." : "Managed accounts of every connected organization, most worrying first (investigation priority)."}>
      <div className="space-y-4">
        <UserFilters filters={filters} connectors={connectors.data ?? []} onChange={onChange} />
        <QueryState isPending={users.isPending} error={users.error} onRetry={() => void users.refetch()}>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-500">
              {isFiltered ? "No user matches these filters." : "No Atlassian users yet: they appear once a connector has synced its organization's users."}
            </p>
          ) : (
            <AtlassianUsersTable users={rows} showConnector={(connectors.data?.length ?? 0) > 1} />
          )}
          <LoadMore query={users} className="" />
        </QueryState>
      </div>
    </Card>
  );
}
