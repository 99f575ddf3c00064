import { queryOptions } from "@tanstack/react-query";
import { ipRangesApi } from "../api/ip-ranges";

export const ipRangeKeys = { all: ["ip-ranges"] as const, list: () => ["ip-ranges", "list"] as const };
export const threatListKeys = { all: ["threat-lists"] as const };

export const ipRangesQuery = () => queryOptions({ queryKey: ipRangeKeys.list(), queryFn: ipRangesApi.list });

export const threatListsQuery = () => queryOptions({ queryKey: threatListKeys.all, queryFn: ipRangesApi.threatLists });
