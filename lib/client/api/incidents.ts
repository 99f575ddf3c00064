import type { TAlertCommentDto, TAlertCommentInput } from "../../shared/schemas/alerts";
import type {
  TIncidentBulkInput,
  TIncidentBulkResult,
  TIncidentDetailDto,
  TIncidentListDto,
  TIncidentPatchInput,
  TIncidentSettings,
} from "../../shared/schemas/incidents";
import { apiFetch } from "../api-client";
import { alertSearchParams, type TAlertFilters } from "./alerts";

/** GET /api/v1/incidents takes the alert list's filter names (status, severity, policyKey, user, connectorId, assignee, from, to, sort). */
export type TIncidentFilters = TAlertFilters;
export { ALERT_FILTER_NAMES as INCIDENT_FILTER_NAMES, alertSearchParams as incidentSearchParams } from "./alerts";

const base = "/api/v1/incidents";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** Fetch client for /api/v1/incidents; every call throws ApiError with the server's message. */
export const incidentsApi = {
  list: (filters: TIncidentFilters, cursor: string | null, limit = 50) => apiFetch<TIncidentListDto>(`${base}?${alertSearchParams(filters, { cursor, limit: String(limit) }).toString()}`),
  get: (id: string) => apiFetch<TIncidentDetailDto>(one(id)),
  update: (id: string, input: TIncidentPatchInput) => apiFetch<TIncidentDetailDto>(one(id), { method: "PATCH", json: input }),
  comment: (id: string, input: TAlertCommentInput) => apiFetch<TAlertCommentDto>(`${one(id)}/comments`, { method: "POST", json: input }),
  bulk: (input: TIncidentBulkInput) => apiFetch<TIncidentBulkResult>(`${base}/bulk`, { method: "POST", json: input }),
  settings: () => apiFetch<TIncidentSettings>(`${base}/settings`),
  saveSettings: (input: TIncidentSettings) => apiFetch<TIncidentSettings>(`${base}/settings`, { method: "PUT", json: input }),
};
