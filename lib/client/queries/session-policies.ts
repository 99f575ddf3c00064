import { queryOptions } from "@tanstack/react-query";
import { sessionPoliciesApi } from "../api/session-policies";

export const sessionPolicyKeys = {
  all: ["session-policies"] as const,
  list: () => ["session-policies", "list"] as const,
  detail: (id: string) => ["session-policies", "detail", id] as const,
};

export const sessionPoliciesQuery = () => queryOptions({ queryKey: sessionPolicyKeys.list(), queryFn: sessionPoliciesApi.list });
