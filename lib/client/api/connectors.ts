import type { TConnectorDto, TConnectorHistoryEntry, TCreateConnectorInput, TRotateKeyInput } from "../../shared/schemas/connectors";
import type { TQuarantinePage } from "../../shared/schemas/quarantine";
import { apiFetch } from "../api-client";

const base = "/api/v1/connectors";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** Fetch client for /api/v1/connectors; every call throws ApiError with the server's message. */
export const connectorsApi = {
  list: () => apiFetch<{ data: TConnectorDto[] }>(base).then((r) => r.data),
  get: (id: string) => apiFetch<TConnectorDto>(one(id)),
  quarantine: (id: string, cursor: string | null) =>
    apiFetch<TQuarantinePage>(`${one(id)}/quarantine?${new URLSearchParams({ limit: "25", ...(cursor ? { cursor } : {}) }).toString()}`),
  /** The NDJSON export is a download: a link to this URL, not a fetch. */
  quarantineExportUrl: (id: string) => `${one(id)}/quarantine/export`,
  history: (id: string) => apiFetch<{ data: TConnectorHistoryEntry[] }>(`${one(id)}/history`).then((r) => r.data),
  create: (input: TCreateConnectorInput) => apiFetch<TConnectorDto>(base, { method: "POST", json: input }),
  rotateKey: (id: string, input: TRotateKeyInput) => apiFetch<TConnectorDto>(`${one(id)}/api-key`, { method: "PUT", json: input }),
  checkScopes: (id: string) => apiFetch<TConnectorDto>(`${one(id)}/scopes`, { method: "POST" }),
  sync: (id: string) => apiFetch<TConnectorDto>(`${one(id)}/sync`, { method: "POST" }),
  setEnabled: (id: string, enabled: boolean) => apiFetch<TConnectorDto>(one(id), { method: "PATCH", json: { enabled } }),
  remove: (id: string) => apiFetch<{ deleted: true; activitiesDeleted: number; alertsDeleted: number; governanceActionsDeleted: number }>(one(id), { method: "DELETE" }),
};
