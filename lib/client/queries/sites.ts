import { queryOptions } from "@tanstack/react-query";
import { sitesApi } from "../api/sites";

export const siteKeys = { all: ["sites"] as const, list: (connectorId: string) => ["sites", "list", connectorId] as const };

export const connectorSitesQuery = (connectorId: string) => queryOptions({ queryKey: siteKeys.list(connectorId), queryFn: () => sitesApi.list(connectorId) });
