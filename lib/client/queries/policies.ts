import { queryOptions } from "@tanstack/react-query";
import { policiesApi } from "../api/policies";

export const policyKeys = { all: ["policies"] as const, list: () => ["policies", "list"] as const, detail: (id: string) => ["policies", "detail", id] as const };

export const policiesQuery = () => queryOptions({ queryKey: policyKeys.list(), queryFn: policiesApi.list });

export const policyQuery = (id: string) => queryOptions({ queryKey: policyKeys.detail(id), queryFn: () => policiesApi.get(id) });
