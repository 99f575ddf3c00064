import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TConnectorDto, TCreateConnectorInput, TRotateKeyInput } from "../../shared/schemas/connectors";
import { connectorsApi } from "../api/connectors";
import { connectorKeys } from "../queries/connectors";

/** Connector mutations; each refreshes the list and the connector's detail and history by key. */
export const useCreateConnector = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateConnectorInput) => connectorsApi.create(input),
    onSuccess: (connector) => {
      queryClient.setQueryData(connectorKeys.detail(connector.id), connector);
      return queryClient.invalidateQueries({ queryKey: connectorKeys.lists() });
    },
  });
};

const useConnectorMutation = <TVariables>(mutationFn: (variables: TVariables) => Promise<unknown>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: connectorKeys.all }) });
};

export const useRotateApiKey = (id: string) => useConnectorMutation((input: TRotateKeyInput) => connectorsApi.rotateKey(id, input));
export const useCheckConnectorScopes = (id: string) => useConnectorMutation<void>(() => connectorsApi.checkScopes(id));
export const useSyncConnector = (id: string) => useConnectorMutation<void>(() => connectorsApi.sync(id));
export const useSetConnectorEnabled = (id: string) => useConnectorMutation((enabled: boolean) => connectorsApi.setEnabled(id, enabled));

export const useDeleteConnector = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => connectorsApi.remove(id),
    // The detail query is left alone: the page navigates away, and removing it would refetch a 404 first.
    onSuccess: () => {
      queryClient.setQueryData(connectorKeys.lists(), (list: TConnectorDto[] | undefined) => list?.filter((c) => c.id !== id));
      return queryClient.invalidateQueries({ queryKey: connectorKeys.lists() });
    },
  });
};
