import type { TLegalHoldDto, TLegalHoldInput, TRetentionCounts, TRetentionDto, TRetentionPreviewDto, TRetentionSettingsInput } from "../../shared/schemas/retention";
import { apiFetch } from "../api-client";

const base = "/api/v1/retention";

/** Fetch client for /api/v1/retention (Settings → Data retention). */
export const retentionApi = {
  get: () => apiFetch<TRetentionDto>(base),
  save: (input: TRetentionSettingsInput) => apiFetch<TRetentionDto>(base, { method: "PUT", json: input }),
  preview: () => apiFetch<TRetentionPreviewDto>(`${base}/preview`),
  run: () => apiFetch<{ ran: boolean; counts: TRetentionCounts }>(`${base}/run`, { method: "POST" }),
  createHold: (input: TLegalHoldInput) => apiFetch<TLegalHoldDto>(`${base}/holds`, { method: "POST", json: input }),
  releaseHold: (id: string) => apiFetch<TLegalHoldDto>(`${base}/holds/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
