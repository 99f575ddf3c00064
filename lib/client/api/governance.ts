import type { TGovernanceActionDto, TGovernanceActionInput, TGovernanceLogDto } from "../../shared/schemas/governance";
import { apiFetch } from "../api-client";

/** Filters of the governance log, as the /governance page keeps them in its URL and the API takes them. */
export type TGovernanceLogFilters = Readonly<{
  connectorId?: string;
  accountId?: string;
  alertId?: string;
  action?: string;
  status?: string;
}>;

const one = (id: string) => `/api/v1/governance-actions/${encodeURIComponent(id)}`;

const toParams = (values: Record<string, string | null | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  return params.toString();
};

/** Fetch client for the governance endpoints; every call throws ApiError with the server's message. */
export const governanceApi = {
  log: (filters: TGovernanceLogFilters, cursor: string | null, limit = 50) =>
    apiFetch<TGovernanceLogDto>(`/api/v1/governance-log?${toParams({ ...filters, cursor, limit: String(limit) })}`),
  request: (input: TGovernanceActionInput) => apiFetch<TGovernanceActionDto>("/api/v1/governance-actions", { method: "POST", json: input }),
  revert: (id: string) => apiFetch<TGovernanceActionDto>(`${one(id)}/revert`, { method: "POST" }),
  confirm: (id: string) => apiFetch<TGovernanceActionDto>(`${one(id)}/confirm`, { method: "POST" }),
};
