import type { TSiteDto, TSiteList } from "../../shared/schemas/sites";
import { apiFetch } from "../api-client";

const sites = (connectorId: string) => `/api/v1/connectors/${encodeURIComponent(connectorId)}/sites`;

/** Fetch client for a connector's Atlassian sites; every call throws ApiError with the server's message. */
export const sitesApi = {
  list: (connectorId: string) => apiFetch<TSiteList>(sites(connectorId)),
  setProtected: (connectorId: string, siteId: string, isProtected: boolean) =>
    apiFetch<TSiteDto>(`${sites(connectorId)}/${encodeURIComponent(siteId)}`, { method: "PATCH", json: { isProtected } }),
};
