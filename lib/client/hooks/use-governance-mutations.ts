import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TGovernanceActionInput } from "../../shared/schemas/governance";
import { governanceApi } from "../api/governance";
import { governanceKeys } from "../queries/governance";

/** Governance mutations; each refreshes every governance log (and user pages, whose status may change). */
const useGovernanceMutation = <TVariables, TData>(mutationFn: (variables: TVariables) => Promise<TData>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: governanceKeys.all }),
        queryClient.invalidateQueries({ queryKey: ["atlassian-users"] }),
      ]),
  });
};

export const useRequestGovernanceAction = () => useGovernanceMutation((input: TGovernanceActionInput) => governanceApi.request(input));
export const useRevertGovernanceAction = () => useGovernanceMutation((id: string) => governanceApi.revert(id));
export const useConfirmGovernanceAction = () => useGovernanceMutation((id: string) => governanceApi.confirm(id));
