import { infiniteQueryOptions } from "@tanstack/react-query";
import type { TGovernanceLogDto } from "../../shared/schemas/governance";
import { governanceApi, type TGovernanceLogFilters } from "../api/governance";

export type { TGovernanceLogFilters } from "../api/governance";

export const GOVERNANCE_FILTER_NAMES = ["connectorId", "accountId", "alertId", "action", "status"] as const;

export const governanceKeys = {
  all: ["governance"] as const,
  logs: () => [...governanceKeys.all, "log"] as const,
  log: (filters: TGovernanceLogFilters) => [...governanceKeys.logs(), filters] as const,
};

/** While any listed action is pending the worker is about to run it: poll fast, else slowly. */
const PENDING_POLL_MS = 1_000;
const IDLE_POLL_MS = 15_000;
const hasPending = (pages: readonly TGovernanceLogDto[] | undefined) => pages?.some((p) => p.data.some((a) => a.status === "pending")) ?? false;

export const governanceLogQuery = (filters: TGovernanceLogFilters, limit = 50) =>
  infiniteQueryOptions({
    queryKey: [...governanceKeys.log(filters), limit] as const,
    queryFn: ({ pageParam }) => governanceApi.log(filters, pageParam, limit),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (hasPending(query.state.data?.pages) ? PENDING_POLL_MS : IDLE_POLL_MS),
  });
