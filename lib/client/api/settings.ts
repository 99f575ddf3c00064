import type { TAuditEventDto } from "../../shared/schemas/audit";
import type { TCreatedTokenDto, TCreateTokenInput, TTokenDto } from "../../shared/schemas/tokens";
import type { TChangePasswordInput, TCreateUserInput, TSetupInput, TUpdateUserInput, TUserDto } from "../../shared/schemas/users";
import { apiFetch } from "../api-client";

const users = "/api/v1/portal-users";
const user = (id: string) => `${users}/${encodeURIComponent(id)}`;
const tokens = "/api/v1/tokens";

export type AuditPage = { data: TAuditEventDto[]; nextCursor: string | null };

/** Fetch client for portal users, the caller's password, API tokens, the audit log and first-run setup. */
export const settingsApi = {
  users: () => apiFetch<{ data: TUserDto[] }>(users).then((r) => r.data),
  createUser: (input: TCreateUserInput) => apiFetch<TUserDto>(users, { method: "POST", json: input }),
  updateUser: (id: string, input: TUpdateUserInput) => apiFetch<TUserDto>(user(id), { method: "PATCH", json: input }),
  signOutUser: (id: string) => apiFetch<TUserDto>(`${user(id)}/sign-out`, { method: "POST" }),
  setTemporaryPassword: (id: string, temporaryPassword: string) => apiFetch<TUserDto>(`${user(id)}/password`, { method: "POST", json: { temporaryPassword } }),
  changeOwnPassword: (input: TChangePasswordInput) => apiFetch<TUserDto>("/api/v1/me/password", { method: "POST", json: input }),
  tokens: () => apiFetch<{ data: TTokenDto[] }>(tokens).then((r) => r.data),
  createToken: (input: TCreateTokenInput) => apiFetch<TCreatedTokenDto>(tokens, { method: "POST", json: input }),
  revokeToken: (id: string) => apiFetch<TTokenDto>(`${tokens}/${encodeURIComponent(id)}`, { method: "DELETE" }),
  auditPage: (options: { cursor?: string | null; action?: string }) => {
    const params = new URLSearchParams({ limit: "50" });
    if (options.cursor) params.set("cursor", options.cursor);
    if (options.action) params.set("action", options.action);
    return apiFetch<AuditPage>(`/api/v1/audit-log?${params.toString()}`);
  },
  /** First-run setup (outside /api/v1: it exists only until the first admin is created). */
  setup: (input: TSetupInput) => apiFetch<unknown>("/api/setup", { method: "POST", json: input }),
};
