import { queryOptions } from "@tanstack/react-query";
import { settingsApi } from "../api/settings";

export type { AuditPage } from "../api/settings";

export const userKeys = { all: ["users"] as const };
export const tokenKeys = { all: ["tokens"] as const };
export const auditKeys = { all: ["audit-log"] as const, list: (action?: string) => ["audit-log", { action: action ?? null }] as const };

export const usersQuery = () => queryOptions({ queryKey: userKeys.all, queryFn: settingsApi.users });

export const tokensQuery = () => queryOptions({ queryKey: tokenKeys.all, queryFn: settingsApi.tokens });

export const fetchAuditPage = settingsApi.auditPage;
