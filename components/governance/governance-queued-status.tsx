"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { governanceApi } from "@/lib/client/api/governance";
import { governanceKeys } from "@/lib/client/queries/governance";
import { GOVERNANCE_ACTION_LABELS, type TGovernanceActionDto } from "@/lib/shared/schemas/governance";
import { Alert } from "../ui/alert";

/** Watches the queued action until the worker has run it (the log entry is no longer pending). */
export function useQueuedGovernanceAction(queued: TGovernanceActionDto | null, connectorId: string, accountId: string) {
  const queryClient = useQueryClient();
  const entry = useQuery({
    queryKey: [...governanceKeys.log({ connectorId, accountId }), "queued", queued?.id],
    queryFn: async () => (await governanceApi.log({ connectorId, accountId }, null, 20)).data.find((a) => a.id === queued?.id) ?? queued,
    enabled: queued !== null,
    initialData: queued ?? undefined,
    refetchInterval: (query) => (query.state.data?.status === "pending" ? 1_000 : false),
  });
  const status = entry.data?.status;
  useEffect(() => {
    if (status && status !== "pending") {
      void queryClient.invalidateQueries({ queryKey: governanceKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["atlassian-users"] });
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
    }
  }, [status, queryClient]);
  return entry.data ?? null;
}

/** A queued action's outcome: pending, failed with its error, or succeeded with the worker's note. */
export function GovernanceQueuedStatus({ entry }: Readonly<{ entry: TGovernanceActionDto }>) {
  const label = GOVERNANCE_ACTION_LABELS[entry.action];
  if (entry.status === "pending") return <Alert tone="info">Queued: {label}. The worker runs it in a moment; the result appears in the governance log.</Alert>;
  if (entry.status === "failed") return <Alert tone="error">{label} failed: {entry.error ?? "unknown error"}</Alert>;
  const note = typeof entry.result.note === "string" ? ` ${entry.result.note}.` : "";
  return <Alert tone="success">{label} succeeded.{note}</Alert>;
}
