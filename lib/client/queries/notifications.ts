import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { notificationsApi, type TDeliveryPage } from "../api/notifications";

export const notificationKeys = {
  all: ["notification-channels"] as const,
  lists: () => [...notificationKeys.all, "list"] as const,
  detail: (id: string) => [...notificationKeys.all, "detail", id] as const,
  deliveries: (id: string) => [...notificationKeys.all, "deliveries", id] as const,
};

/** While a delivery is pending the worker is about to send it: poll fast, else slowly. */
const PENDING_POLL_MS = 1_000;
const IDLE_POLL_MS = 15_000;
const hasPending = (pages: readonly TDeliveryPage[] | undefined) => pages?.some((p) => p.data.some((d) => d.status === "pending")) ?? false;

export const channelsQuery = () => queryOptions({ queryKey: notificationKeys.lists(), queryFn: notificationsApi.list, refetchInterval: IDLE_POLL_MS });

export const channelQuery = (id: string) => queryOptions({ queryKey: notificationKeys.detail(id), queryFn: () => notificationsApi.get(id) });

export const deliveriesQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: notificationKeys.deliveries(id),
    queryFn: ({ pageParam }) => notificationsApi.deliveries(id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (hasPending(query.state.data?.pages) ? PENDING_POLL_MS : IDLE_POLL_MS),
  });
