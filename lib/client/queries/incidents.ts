import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import { SEVERITIES } from "../../shared/schemas/alerts";
import type { TIncidentDetailDto, TIncidentDto } from "../../shared/schemas/incidents";
import type { TSeverity } from "../../shared/schemas/policies";
import { incidentsApi, type TIncidentFilters } from "../api/incidents";

export { INCIDENT_FILTER_NAMES, incidentSearchParams, type TIncidentFilters } from "../api/incidents";

export const incidentKeys = {
  all: ["incidents"] as const,
  lists: () => [...incidentKeys.all, "list"] as const,
  list: (filters: TIncidentFilters) => [...incidentKeys.lists(), filters] as const,
  details: () => [...incidentKeys.all, "detail"] as const,
  detail: (id: string) => [...incidentKeys.details(), id] as const,
  open: () => [...incidentKeys.all, "open"] as const,
  settings: () => [...incidentKeys.all, "settings"] as const,
};

/** Alerts join incidents as the worker raises them: the queue and the open page poll, like the alerts'. */
const LIST_POLL_MS = 10_000;
const DETAIL_POLL_MS = 15_000;

/** Keyset-paged incidents under the URL's filters and sort, with the counts per status of the first page. */
export const incidentsQuery = (filters: TIncidentFilters) =>
  infiniteQueryOptions({
    queryKey: incidentKeys.list(filters),
    queryFn: ({ pageParam }) => incidentsApi.list(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: LIST_POLL_MS,
    retry: (count, error) => count < 2 && !("status" in error && (error.status === 400 || error.status === 404)),
  });

export const incidentQuery = (id: string) =>
  queryOptions({
    queryKey: incidentKeys.detail(id),
    queryFn: () => incidentsApi.get(id),
    refetchInterval: DETAIL_POLL_MS,
    retry: (count, error) => count < 2 && !("status" in error && (error.status === 400 || error.status === 404)),
  });

export type TOpenIncidents = Readonly<{ bySeverity: Record<TSeverity, number>; total: number; top: readonly TIncidentDto[] }>;

const OPEN = "open,in_progress";
const openCount = (counts: { open: number; in_progress: number }) => counts.open + counts.in_progress;

/**
 * The dashboard's card: open and in-progress incidents per severity (each from the list's counts, which ignore
 * the status filter) and the first five by priority.
 */
export const openIncidentsQuery = () =>
  queryOptions({
    queryKey: incidentKeys.open(),
    queryFn: async (): Promise<TOpenIncidents> => {
      const [top, ...perSeverity] = await Promise.all([
        incidentsApi.list({ status: OPEN, sort: "priority" }, null, 5),
        ...SEVERITIES.map((severity) => incidentsApi.list({ severity }, null, 1)),
      ]);
      const bySeverity = Object.fromEntries(SEVERITIES.map((s, i) => [s, perSeverity[i] ? openCount(perSeverity[i].counts) : 0])) as Record<TSeverity, number>;
      return { bySeverity, total: top ? openCount(top.counts) : 0, top: top?.data ?? [] };
    },
    refetchInterval: LIST_POLL_MS,
  });

export const incidentSettingsQuery = () => queryOptions({ queryKey: incidentKeys.settings(), queryFn: incidentsApi.settings, staleTime: 60_000 });

export type { TIncidentDetailDto };
