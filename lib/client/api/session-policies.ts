import type { TSessionPolicyDto, TSessionPolicyPreviewDto } from "../../shared/schemas/session-policy-api";
import type { TCreateSessionPolicyInput, TSessionPolicyPreviewInput, TUpdateSessionPolicyInput } from "../../shared/schemas/session-policies";
import { apiFetch } from "../api-client";

const base = "/api/v1/session-policies";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** Fetch client for /api/v1/session-policies; every call throws ApiError with the server's message. */
export const sessionPoliciesApi = {
  list: () => apiFetch<{ data: TSessionPolicyDto[] }>(base).then((r) => r.data),
  get: (id: string) => apiFetch<TSessionPolicyDto>(one(id)),
  create: (input: TCreateSessionPolicyInput) => apiFetch<TSessionPolicyDto>(base, { method: "POST", json: input }),
  update: (id: string, input: TUpdateSessionPolicyInput) => apiFetch<TSessionPolicyDto>(one(id), { method: "PATCH", json: input }),
  remove: (id: string) => apiFetch<null>(one(id), { method: "DELETE" }),
  preview: (input: TSessionPolicyPreviewInput) => apiFetch<TSessionPolicyPreviewDto>(`${base}/preview`, { method: "POST", json: input }),
};
