import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TSaveOidcInput, TSaveSamlInput, TSsoPolicyInput, TSsoProtocol, TSsoSettingsDto } from "../../shared/schemas/sso";
import { ssoApi } from "../api/sso";
import { ssoKeys } from "../queries/sso";

// Every SSO answer is the whole settings DTO: it replaces the cached one, and the users list is refetched.
const useSsoMutation = <A>(mutationFn: (arg: A) => Promise<TSsoSettingsDto>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: (settings) => queryClient.setQueryData(ssoKeys.all, settings), onSettled: () => queryClient.invalidateQueries({ queryKey: ssoKeys.all }) });
};

export const useSaveOidc = () => useSsoMutation((input: TSaveOidcInput) => ssoApi.saveOidc(input));
export const useSaveSsoPolicy = () => useSsoMutation((input: TSsoPolicyInput) => ssoApi.savePolicy(input));
export const useSetBreakGlass = () => useSsoMutation(({ userId, isBreakGlass }: { userId: string; isBreakGlass: boolean }) => ssoApi.setBreakGlass(userId, isBreakGlass));
export const useSaveSaml = () => useSsoMutation((input: TSaveSamlInput) => ssoApi.saveSaml(input));
export const useRemoveSsoConnection = () => useSsoMutation((protocol: TSsoProtocol) => ssoApi.removeConnection(protocol));
