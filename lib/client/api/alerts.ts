import type {
  TAlertAssigneeDto,
  TAlertBulkInput,
  TAlertBulkResult,
  TAlertCommentDto,
  TAlertCommentInput,
  TAlertDetailDto,
  TAlertEgressInput,
  TAlertEgressResult,
  TAlertListDto,
  TAlertPatchInput,
} from "../../shared/schemas/alerts";
import { apiFetch } from "../api-client";

/** The list filters and sort the alerts page keeps in its URL, named as GET /api/v1/alerts takes them. */
export type TAlertFilters = Readonly<{
  status?: string;
  severity?: string;
  policyKey?: string;
  user?: string;
  connectorId?: string;
  /** A portal user id, "me" or "unassigned". */
  assignee?: string;
  from?: string;
  to?: string;
  sort?: string;
}>;

export const ALERT_FILTER_NAMES = ["status", "severity", "policyKey", "user", "connectorId", "assignee", "from", "to", "sort"] as const;

const base = "/api/v1/alerts";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** Query string of the filters (empty values left out) plus extras such as cursor and limit. */
export const alertSearchParams = (filters: TAlertFilters, extra: Record<string, string | null | undefined> = {}): URLSearchParams => {
  const params = new URLSearchParams();
  for (const name of ALERT_FILTER_NAMES) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params;
};

/** Fetch client for /api/v1/alerts; every call throws ApiError with the server's message. */
export const alertsApi = {
  list: (filters: TAlertFilters, cursor: string | null, limit = 50) => apiFetch<TAlertListDto>(`${base}?${alertSearchParams(filters, { cursor, limit: String(limit) }).toString()}`),
  get: (id: string) => apiFetch<TAlertDetailDto>(one(id)),
  update: (id: string, input: TAlertPatchInput) => apiFetch<TAlertDetailDto>(one(id), { method: "PATCH", json: input }),
  comment: (id: string, input: TAlertCommentInput) => apiFetch<TAlertCommentDto>(`${one(id)}/comments`, { method: "POST", json: input }),
  bulk: (input: TAlertBulkInput) => apiFetch<TAlertBulkResult>(`${base}/bulk`, { method: "POST", json: input }),
  egress: (id: string, input: TAlertEgressInput) => apiFetch<TAlertEgressResult>(`${one(id)}/egress`, { method: "POST", json: input }),
  assignees: () => apiFetch<{ data: TAlertAssigneeDto[] }>(`${base}/assignees`).then((r) => r.data),
};
