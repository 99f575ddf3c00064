"use client";

import { useActivityExport } from "@/lib/client/hooks/use-activity-export";
import type { TActivityUrlFilters } from "@/lib/client/queries/activities";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { formatCount } from "../ui/format";
import { ProgressBar } from "../ui/progress-bar";

/** Export buttons for the current filter, with a progress bar while the file streams in. */
export function ActivityExport({ filters }: Readonly<{ filters: TActivityUrlFilters }>) {
  const { start, cancel, progress, error } = useActivityExport(filters);
  const isRunning = progress !== null && progress.percent !== 100;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" isBusy={isRunning && progress.format === "csv"} disabled={isRunning} onClick={() => void start("csv")}>
          Export CSV
        </Button>
        <Button variant="secondary" isBusy={isRunning && progress.format === "ndjson"} disabled={isRunning} onClick={() => void start("ndjson")}>
          Export NDJSON
        </Button>
        {isRunning ? (
          <Button variant="ghost" onClick={cancel}>
            Cancel export
          </Button>
        ) : null}
      </div>
      {progress ? (
        <div className="w-72 space-y-1" aria-live="polite">
          <ProgressBar label="Export progress" percent={progress.percent} />
          <p className="text-xs text-slate-500">
            {progress.percent === 100 ? "Exported" : "Exporting"} {formatCount(progress.rows)} activities
          </p>
        </div>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
