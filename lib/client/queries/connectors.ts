import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { TConnectorDto } from "../../shared/schemas/connectors";
import { connectorsApi } from "../api/connectors";

export const connectorKeys = {
  all: ["connectors"] as const,
  lists: () => [...connectorKeys.all, "list"] as const,
  details: () => [...connectorKeys.all, "detail"] as const,
  detail: (id: string) => [...connectorKeys.details(), id] as const,
  history: (id: string) => [...connectorKeys.detail(id), "history"] as const,
  quarantine: (id: string) => [...connectorKeys.detail(id), "quarantine"] as const,
};

/** Status changes come from the worker, so connector views poll; faster while a first sync is running. */
export const CONNECTORS_POLL_MS = 5_000;
const BUSY_POLL_MS = 2_000;
const isBusy = (c: TConnectorDto | undefined) => c?.status === "connecting" || c?.status === "syncing";

export const connectorsQuery = () =>
  queryOptions({
    queryKey: connectorKeys.lists(),
    queryFn: connectorsApi.list,
    refetchInterval: (query) => (query.state.data?.some(isBusy) ? BUSY_POLL_MS : CONNECTORS_POLL_MS),
  });

export const connectorQuery = (id: string) =>
  queryOptions({
    queryKey: connectorKeys.detail(id),
    queryFn: () => connectorsApi.get(id),
    refetchInterval: (query) => (isBusy(query.state.data) ? BUSY_POLL_MS : CONNECTORS_POLL_MS),
  });

export const connectorHistoryQuery = (id: string) =>
  queryOptions({ queryKey: connectorKeys.history(id), queryFn: () => connectorsApi.history(id), refetchInterval: 10_000 });

/** The connector's quarantined events, newest first, 25 a page; refreshed with the connector's count. */
export const connectorQuarantineQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: connectorKeys.quarantine(id),
    queryFn: ({ pageParam }) => connectorsApi.quarantine(id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
