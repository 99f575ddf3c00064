import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAlertCommentInput } from "../../shared/schemas/alerts";
import type { TIncidentBulkInput, TIncidentDetailDto, TIncidentPatchInput, TIncidentSettings } from "../../shared/schemas/incidents";
import { incidentsApi } from "../api/incidents";
import { alertKeys } from "../queries/alerts";
import { incidentKeys } from "../queries/incidents";

/** Resolving or dismissing an incident does the same to its open alerts: both caches refresh. */
const refreshBoth = (queryClient: ReturnType<typeof useQueryClient>) =>
  Promise.all([queryClient.invalidateQueries({ queryKey: incidentKeys.all }), queryClient.invalidateQueries({ queryKey: alertKeys.all })]);

/** PATCH one incident; the answer is the new detail, written to the cache before the lists refresh. */
export const useUpdateIncident = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TIncidentPatchInput) => incidentsApi.update(id, input),
    onSuccess: (detail) => queryClient.setQueryData(incidentKeys.detail(id), detail),
    onSettled: () => refreshBoth(queryClient),
  });
};

export const useAddIncidentComment = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TAlertCommentInput) => incidentsApi.comment(id, input),
    onSuccess: (comment) =>
      queryClient.setQueryData<TIncidentDetailDto>(incidentKeys.detail(id), (old) =>
        old && !old.comments.some((c) => c.id === comment.id) ? { ...old, comments: [...old.comments, comment] } : old,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: incidentKeys.detail(id) }),
  });
};

export const useBulkUpdateIncidents = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (input: TIncidentBulkInput) => incidentsApi.bulk(input), onSettled: () => refreshBoth(queryClient) });
};

/** Admins: the grouping window applies to alerts raised from now on. */
export const useSaveIncidentSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TIncidentSettings) => incidentsApi.saveSettings(input),
    onSuccess: (settings) => queryClient.setQueryData(incidentKeys.settings(), settings),
  });
};
