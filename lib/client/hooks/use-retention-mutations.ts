import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TLegalHoldInput, TRetentionSettingsInput } from "../../shared/schemas/retention";
import { retentionApi } from "../api/retention";
import { retentionKeys } from "../queries/retention";

// Any change moves what the next run removes: the settings and the dry run are both refetched.
const useRetentionMutation = <A, R>(mutationFn: (arg: A) => Promise<R>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: retentionKeys.all }) });
};

export const useSaveRetention = () => useRetentionMutation((input: TRetentionSettingsInput) => retentionApi.save(input));
export const useRunRetention = () => useRetentionMutation(() => retentionApi.run());
export const useCreateLegalHold = () => useRetentionMutation((input: TLegalHoldInput) => retentionApi.createHold(input));
export const useReleaseLegalHold = () => useRetentionMutation((id: string) => retentionApi.releaseHold(id));
