import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCreateTokenInput } from "../../shared/schemas/tokens";
import type { TChangePasswordInput, TCreateUserInput, TUpdateUserInput } from "../../shared/schemas/users";
import { settingsApi } from "../api/settings";
import { tokenKeys, userKeys } from "../queries/settings";

export const useCreateUser = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (input: TCreateUserInput) => settingsApi.createUser(input), onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }) });
};

export const useUpdateUser = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TUpdateUserInput }) => settingsApi.updateUser(id, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
};

export const useSignOutUser = (id: string) => useMutation({ mutationFn: () => settingsApi.signOutUser(id) });

export const useSetTemporaryPassword = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (temporaryPassword: string) => settingsApi.setTemporaryPassword(id, temporaryPassword),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
};

export const useChangeOwnPassword = () => useMutation({ mutationFn: (input: TChangePasswordInput) => settingsApi.changeOwnPassword(input) });

export const useCreateToken = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (input: TCreateTokenInput) => settingsApi.createToken(input), onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.all }) });
};

export const useRevokeToken = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => settingsApi.revokeToken(id), onSettled: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }) });
};
