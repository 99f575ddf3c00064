import type { TProxySessionDto, TProxySessionPage } from "../../shared/schemas/proxy-sessions";
import { apiFetch } from "../api-client";

const base = "/api/v1/proxy-sessions";

/** Filters of /sessions, as they appear in the page URL and the API query. */
export type TProxySessionFilters = Readonly<{ q?: string; connectorId?: string; status?: string }>;

export const proxySessionsApi = {
  page: (filters: TProxySessionFilters, cursor: string | null) => {
    const params = new URLSearchParams({ limit: "50" });
    for (const [key, value] of Object.entries({ ...filters, cursor })) if (value) params.set(key, value);
    return apiFetch<TProxySessionPage>(`${base}?${params.toString()}`);
  },
  end: (id: string) => apiFetch<TProxySessionDto>(`${base}/${encodeURIComponent(id)}/end`, { method: "POST" }),
};
