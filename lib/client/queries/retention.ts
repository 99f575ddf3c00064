import { queryOptions } from "@tanstack/react-query";
import { retentionApi } from "../api/retention";

export const retentionKeys = { all: ["retention"] as const, preview: ["retention", "preview"] as const };

export const retentionQuery = () => queryOptions({ queryKey: retentionKeys.all, queryFn: retentionApi.get });

/** The dry run reads a month of activities per partition past retention: computed on demand, not polled. */
export const retentionPreviewQuery = () => queryOptions({ queryKey: retentionKeys.preview, queryFn: retentionApi.preview, staleTime: 60_000 });
