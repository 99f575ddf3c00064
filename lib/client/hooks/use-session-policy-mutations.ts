import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TSessionPolicyDto } from "../../shared/schemas/session-policy-api";
import type { TCreateSessionPolicyInput, TSessionPolicyPreviewInput, TUpdateSessionPolicyInput } from "../../shared/schemas/session-policies";
import { sessionPoliciesApi } from "../api/session-policies";
import { sessionPolicyKeys } from "../queries/session-policies";

/** Create (no id) or PATCH a session policy from the editor; the list refreshes. */
export const useSaveSessionPolicy = (id: string | undefined) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateSessionPolicyInput) => (id ? sessionPoliciesApi.update(id, input) : sessionPoliciesApi.create(input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionPolicyKeys.all }),
  });
};

/** The list's enabled switch. */
export const useUpdateSessionPolicy = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TUpdateSessionPolicyInput }) => sessionPoliciesApi.update(id, input),
    onSuccess: (updated) => queryClient.setQueryData<TSessionPolicyDto[]>(sessionPolicyKeys.list(), (old) => old?.map((p) => (p.id === updated.id ? updated : p))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionPolicyKeys.all }),
  });
};

export const useDeleteSessionPolicy = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => sessionPoliciesApi.remove(id), onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionPolicyKeys.all }) });
};

/** Runs a draft over recorded session activity; nothing is cached (each preview is a fresh question). */
export const usePreviewSessionPolicy = () => useMutation({ mutationFn: (input: TSessionPolicyPreviewInput) => sessionPoliciesApi.preview(input) });
