import type { TCreatePolicyInput, TPolicyDto, TPolicyPreviewDto, TPolicyPreviewInput, TUpdatePolicyInput } from "../../shared/schemas/policies";
import { apiFetch } from "../api-client";

const base = "/api/v1/policies";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** Fetch client for /api/v1/policies; every call throws ApiError with the server's message. */
export const policiesApi = {
  list: () => apiFetch<{ data: TPolicyDto[] }>(base).then((r) => r.data),
  get: (id: string) => apiFetch<TPolicyDto>(one(id)),
  create: (input: TCreatePolicyInput) => apiFetch<TPolicyDto>(base, { method: "POST", json: input }),
  update: (id: string, input: TUpdatePolicyInput) => apiFetch<TPolicyDto>(one(id), { method: "PATCH", json: input }),
  remove: (id: string) => apiFetch<null>(one(id), { method: "DELETE" }),
  preview: (input: TPolicyPreviewInput) => apiFetch<TPolicyPreviewDto>(`${base}/preview`, { method: "POST", json: input }),
};
