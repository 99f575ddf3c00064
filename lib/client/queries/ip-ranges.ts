import { queryOptions } from "@tanstack/react-query";
import type { TIpRangeDto, TThreatListDto } from "../../shared/schemas/ip-ranges";
import { apiFetch } from "../api-client";

export const ipRangeKeys = { all: ["ip-ranges"] as const, list: () => ["ip-ranges", "list"] as const };
export const threatListKeys = { all: ["threat-lists"] as const };

export const ipRangesQuery = () =>
  queryOptions({ queryKey: ipRangeKeys.list(), queryFn: () => apiFetch<{ data: TIpRangeDto[] }>("/api/v1/ip-ranges").then((r) => r.data) });

export const threatListsQuery = () =>
  queryOptions({ queryKey: threatListKeys.all, queryFn: () => apiFetch<{ data: TThreatListDto[] }>("/api/v1/threat-lists").then((r) => r.data) });
