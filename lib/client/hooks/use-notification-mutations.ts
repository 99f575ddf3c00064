import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TChannelDto, TCreateChannelInput, TUpdateChannelInput } from "../../shared/schemas/notifications";
import { notificationsApi } from "../api/notifications";
import { notificationKeys } from "../queries/notifications";

/** Channel mutations; each refreshes the list and the channel by key. */
export const useCreateChannel = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateChannelInput) => notificationsApi.create(input),
    onSuccess: (channel) => {
      queryClient.setQueryData(notificationKeys.detail(channel.id), channel);
      return queryClient.invalidateQueries({ queryKey: notificationKeys.lists() });
    },
  });
};

export const useUpdateChannel = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TUpdateChannelInput) => notificationsApi.update(id, input),
    onSuccess: (channel) => {
      queryClient.setQueryData(notificationKeys.detail(id), channel);
      return queryClient.invalidateQueries({ queryKey: notificationKeys.lists() });
    },
  });
};

export const useDeleteChannel = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => notificationsApi.remove(id),
    // The detail query is left alone: the page navigates away, and refetching it would 404.
    onSuccess: () => {
      queryClient.setQueryData(notificationKeys.lists(), (list: TChannelDto[] | undefined) => list?.filter((c) => c.id !== id));
      return queryClient.invalidateQueries({ queryKey: notificationKeys.lists() });
    },
  });
};

export const useSendTest = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => notificationsApi.sendTest(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.deliveries(id) }),
  });
};
