import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCreatePolicyInput, TPolicyDto, TPolicyPreviewInput, TUpdatePolicyInput } from "../../shared/schemas/policies";
import { policiesApi } from "../api/policies";
import { policyKeys } from "../queries/policies";

/** Create (no id) or PATCH a custom policy from the editor; the lists refresh. */
export const useSavePolicy = (id: string | undefined) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreatePolicyInput) => (id ? policiesApi.update(id, input) : policiesApi.create(input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: policyKeys.all }),
  });
};

/** In-place changes from the policies list (switch, sensitivity, severity, scope, actions). */
export const useUpdatePolicy = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TUpdatePolicyInput }) => policiesApi.update(id, input),
    onSuccess: (updated) => queryClient.setQueryData<TPolicyDto[]>(policyKeys.list(), (old) => old?.map((p) => (p.id === updated.id ? updated : p))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: policyKeys.all }),
  });
};

export const useDeletePolicy = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => policiesApi.remove(id), onSuccess: () => void queryClient.invalidateQueries({ queryKey: policyKeys.all }) });
};

/** Runs a draft over stored activities; nothing is cached (each preview is a fresh question). */
export const usePreviewPolicy = () => useMutation({ mutationFn: (input: TPolicyPreviewInput) => policiesApi.preview(input) });
