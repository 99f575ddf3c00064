import { queryOptions } from "@tanstack/react-query";
import type { TPolicyDto } from "../../shared/schemas/policies";
import { apiFetch } from "../api-client";

export const policyKeys = { all: ["policies"] as const, list: () => ["policies", "list"] as const, detail: (id: string) => ["policies", "detail", id] as const };

export const policiesQuery = () =>
  queryOptions({ queryKey: policyKeys.list(), queryFn: () => apiFetch<{ data: TPolicyDto[] }>("/api/v1/policies").then((r) => r.data) });

export const policyQuery = (id: string) =>
  queryOptions({ queryKey: policyKeys.detail(id), queryFn: () => apiFetch<TPolicyDto>(`/api/v1/policies/${encodeURIComponent(id)}`) });
