import type { TCreateIpRangeInput, TIpRangeDto, TThreatListDto, TThreatListUpload, TUpdateIpRangeInput } from "../../shared/schemas/ip-ranges";
import { apiFetch } from "../api-client";

const base = "/api/v1/ip-ranges";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;
const threatList = (tag: string) => `/api/v1/threat-lists/${encodeURIComponent(tag)}`;

/** Fetch client for /api/v1/ip-ranges and /api/v1/threat-lists; every call throws ApiError with the server's message. */
export const ipRangesApi = {
  list: () => apiFetch<{ data: TIpRangeDto[] }>(base).then((r) => r.data),
  create: (input: TCreateIpRangeInput) => apiFetch<TIpRangeDto>(base, { method: "POST", json: input }),
  update: (id: string, input: TUpdateIpRangeInput) => apiFetch<TIpRangeDto>(one(id), { method: "PATCH", json: input }),
  remove: (id: string) => apiFetch<null>(one(id), { method: "DELETE" }),
  threatLists: () => apiFetch<{ data: TThreatListDto[] }>("/api/v1/threat-lists").then((r) => r.data),
  uploadThreatList: (tag: string, input: TThreatListUpload) => apiFetch<{ data: TThreatListDto[] }>(threatList(tag), { method: "PUT", json: input }),
  revertThreatList: (tag: string) => apiFetch<{ data: TThreatListDto[] }>(threatList(tag), { method: "DELETE" }),
};
