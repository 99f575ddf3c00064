import { useMutation, useQueryClient } from "@tanstack/react-query";
import { proxySessionsApi } from "../api/proxy-sessions";
import { sitesApi } from "../api/sites";
import { proxySessionKeys } from "../queries/proxy-sessions";
import { siteKeys } from "../queries/sites";

/** The **Protect through the session proxy** switch of one site. */
export const useSetSiteProtected = (connectorId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ siteId, isProtected }: { siteId: string; isProtected: boolean }) => sitesApi.setProtected(connectorId, siteId, isProtected),
    onSettled: () => queryClient.invalidateQueries({ queryKey: siteKeys.list(connectorId) }),
  });
};

/** **End session**. */
export const useEndProxySession = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => proxySessionsApi.end(id), onSettled: () => queryClient.invalidateQueries({ queryKey: proxySessionKeys.all }) });
};
