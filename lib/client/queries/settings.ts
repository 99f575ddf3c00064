import { queryOptions } from "@tanstack/react-query";
import type { TAuditEventDto } from "../../shared/schemas/audit";
import type { TTokenDto } from "../../shared/schemas/tokens";
import type { TUserDto } from "../../shared/schemas/users";
import { apiFetch } from "../api-client";

export const userKeys = { all: ["users"] as const };
export const tokenKeys = { all: ["tokens"] as const };
export const auditKeys = { all: ["audit-log"] as const, list: (action?: string) => ["audit-log", { action: action ?? null }] as const };

export const usersQuery = () =>
  queryOptions({ queryKey: userKeys.all, queryFn: () => apiFetch<{ data: TUserDto[] }>("/api/v1/portal-users").then((r) => r.data) });

export const tokensQuery = () =>
  queryOptions({ queryKey: tokenKeys.all, queryFn: () => apiFetch<{ data: TTokenDto[] }>("/api/v1/tokens").then((r) => r.data) });

export type AuditPage = { data: TAuditEventDto[]; nextCursor: string | null };

export const fetchAuditPage = (options: { cursor?: string | null; action?: string }) => {
  const params = new URLSearchParams({ limit: "50" });
  if (options.cursor) params.set("cursor", options.cursor);
  if (options.action) params.set("action", options.action);
  return apiFetch<AuditPage>(`/api/v1/audit-log?${params.toString()}`);
};
