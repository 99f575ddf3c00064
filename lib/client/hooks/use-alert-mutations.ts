import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAlertBulkInput, TAlertCommentInput, TAlertDetailDto, TAlertEgressInput, TAlertPatchInput } from "../../shared/schemas/alerts";
import { alertsApi } from "../api/alerts";
import { alertKeys } from "../queries/alerts";
import { incidentKeys } from "../queries/incidents";
import { ipRangeKeys } from "../queries/ip-ranges";

/** PATCH one alert; the answer is the new detail, written to the cache before the lists refresh. */
export const useUpdateAlert = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TAlertPatchInput) => alertsApi.update(id, input),
    onSuccess: (detail) => queryClient.setQueryData(alertKeys.detail(id), detail),
    // An alert's change can change its incident (status, open alerts).
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: alertKeys.all }), queryClient.invalidateQueries({ queryKey: incidentKeys.all })]),
  });
};

export const useAddAlertComment = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TAlertCommentInput) => alertsApi.comment(id, input),
    onSuccess: (comment) =>
      queryClient.setQueryData<TAlertDetailDto>(alertKeys.detail(id), (old) =>
        old && !old.comments.some((c) => c.id === comment.id) ? { ...old, comments: [...old.comments, comment] } : old,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.detail(id) }),
  });
};

export const useBulkUpdateAlerts = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TAlertBulkInput) => alertsApi.bulk(input),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: alertKeys.all }), queryClient.invalidateQueries({ queryKey: incidentKeys.all })]),
  });
};

/** "This is our egress": creates the range; other open alerts may be dismissed, so every alert view refreshes. */
export const useMarkAlertEgress = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TAlertEgressInput) => alertsApi.egress(id, input),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: alertKeys.all }), queryClient.invalidateQueries({ queryKey: ipRangeKeys.all })]),
  });
};
