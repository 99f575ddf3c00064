"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { messageOf } from "@/lib/client/forms";
import { useRunRetention } from "@/lib/client/hooks/use-retention-mutations";
import { retentionPreviewQuery } from "@/lib/client/queries/retention";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { LocalTime } from "../ui/local-time";
import { QueryState } from "../ui/query-state";
import { RetentionCounts } from "./retention-counts";

/** The dry run of the next retention run, and "Run retention now". */
export function RetentionDryRun() {
  const preview = useQuery(retentionPreviewQuery());
  const run = useRunRetention();
  const [isConfirming, setIsConfirming] = useState(false);
  const runError = run.error ? (messageOf(run.error) ?? (run.error as Error).message) : undefined;
  return (
    <Card
      title="Next run (dry run)"
      description="What the next run would remove with the periods and holds in force now. Nothing is removed until a run."
      actions={
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => void preview.refetch()} isBusy={preview.isFetching}>
            Refresh dry run
          </Button>
          <Button variant="danger" onClick={() => setIsConfirming(true)}>
            Run retention now
          </Button>
        </div>
      }
    >
      <QueryState isPending={preview.isPending} error={preview.error} onRetry={() => void preview.refetch()}>
        {preview.data ? (
          <div className="space-y-2">
            <p className="text-xs text-slate-500 dark:text-slate-400">
              As of <LocalTime iso={preview.data.at} />
            </p>
            <RetentionCounts counts={preview.data.counts} testIdPrefix="dry-run" />
          </div>
        ) : null}
      </QueryState>
      {run.data ? (
        <div className="mt-4">
          <Alert tone={run.data.ran ? "success" : "info"}>
            {run.data.ran
              ? `Retention ran: ${run.data.counts.activities.toLocaleString("en-US")} activities, ${run.data.counts.alerts.toLocaleString("en-US")} alerts, ${run.data.counts.governance.toLocaleString("en-US")} governance actions, ${run.data.counts.deliveries.toLocaleString("en-US")} deliveries and ${run.data.counts.audit.toLocaleString("en-US")} audit events removed.`
              : "Another retention run is under way; try again when it has finished."}
          </Alert>
        </div>
      ) : null}
      {runError ? (
        <div className="mt-4">
          <Alert tone="error">{runError}</Alert>
        </div>
      ) : null}
      {isConfirming ? (
        <ConfirmDialog
          title="Run retention now?"
          confirmLabel="Run retention"
          isBusy={run.isPending}
          onClose={() => setIsConfirming(false)}
          onConfirm={() => run.mutate(undefined, { onSettled: () => setIsConfirming(false), onSuccess: () => void preview.refetch() })}
        >
          <p>Everything the dry run lists is removed for good. Open alerts and records under legal hold stay.</p>
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}
