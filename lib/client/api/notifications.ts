import type { TChannelDto, TCreateChannelInput, TDeliveryDto, TUpdateChannelInput } from "../../shared/schemas/notifications";
import { apiFetch } from "../api-client";

const base = "/api/v1/notification-channels";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export type TDeliveryPage = Readonly<{ data: TDeliveryDto[]; nextCursor: string | null }>;

/** Fetch client for /api/v1/notification-channels; every call throws ApiError with the server's message. */
export const notificationsApi = {
  list: () => apiFetch<{ data: TChannelDto[] }>(base).then((r) => r.data),
  get: (id: string) => apiFetch<TChannelDto>(one(id)),
  create: (input: TCreateChannelInput) => apiFetch<TChannelDto>(base, { method: "POST", json: input }),
  update: (id: string, input: TUpdateChannelInput) => apiFetch<TChannelDto>(one(id), { method: "PATCH", json: input }),
  remove: (id: string) => apiFetch<null>(one(id), { method: "DELETE" }),
  sendTest: (id: string) => apiFetch<TDeliveryDto>(`${one(id)}/test`, { method: "POST" }),
  deliveries: (id: string, cursor: string | null, limit = 25) => {
    const params = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return apiFetch<TDeliveryPage>(`${one(id)}/deliveries?${params}`);
  },
};
