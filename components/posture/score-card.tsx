"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { postureKeys, secureScoreQuery, useRefreshPosture } from "@/lib/client/queries/posture";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { formatDateTime } from "../ui/format";
import { ProgressBar } from "../ui/progress-bar";
import { QueryState } from "../ui/query-state";
import { ScoreTrendChart } from "./score-trend-chart";

const PHASES = { syncing: { label: "Re-reading policies and users from Atlassian…", percent: 33 }, evaluating: { label: "Evaluating recommendations…", percent: 75 } } as const;

/** The score, its points, its trend, and (for admins) Refresh with progress. */
export function ScoreCard({ connectorId, isAdmin }: Readonly<{ connectorId: string; isAdmin: boolean }>) {
  const score = useQuery(secureScoreQuery(connectorId));
  const refresh = useRefreshPosture(connectorId);
  const queryClient = useQueryClient();
  const phase = score.data?.refresh.phase ?? "idle";
  const wasBusy = useRef(false);
  // When a refresh finishes, the list must show the new evaluation too.
  useEffect(() => {
    if (phase !== "idle") wasBusy.current = true;
    else if (wasBusy.current) {
      wasBusy.current = false;
      void queryClient.invalidateQueries({ queryKey: postureKeys.recommendations(connectorId) });
    }
  }, [phase, connectorId, queryClient]);
  const busy = phase !== "idle" || refresh.isPending;
  return (
    <section aria-labelledby="score-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs dark:border-slate-800 dark:bg-slate-900">
      <QueryState isPending={score.isPending} error={score.error} onRetry={() => void score.refetch()}>
        {score.data ? (
          <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
            <div className="space-y-3">
              <h2 id="score-heading" className="text-base font-semibold">
                Secure score
              </h2>
              <p className="text-4xl font-semibold tabular-nums" data-testid="secure-score">
                {score.data.score === null ? "—" : `${score.data.score}%`}
              </p>
              <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="secure-score-points">
                {score.data.pointsEarned} of {score.data.pointsPossible} points
              </p>
              <p className="text-xs text-slate-500">{score.data.evaluatedAt ? `Evaluated ${formatDateTime(score.data.evaluatedAt)}` : "Not evaluated yet: waiting for the first sync"}</p>
              {isAdmin ? (
                <Button variant="secondary" onClick={() => refresh.mutate()} isBusy={busy}>
                  Refresh
                </Button>
              ) : null}
              {phase !== "idle" ? (
                <div className="space-y-1" role="status">
                  <p className="text-xs text-slate-600 dark:text-slate-400">{PHASES[phase].label}</p>
                  <ProgressBar label="Posture refresh progress" percent={PHASES[phase].percent} />
                </div>
              ) : null}
              {refresh.error ? <Alert tone="error">{refresh.error.message}</Alert> : null}
            </div>
            <figure aria-label="Secure score trend" className="min-w-0">
              <div className="h-48">
                {score.data.history.length < 2 ? (
                  <p className="flex h-full items-center justify-center text-sm text-slate-500">The trend appears after the next evaluation.</p>
                ) : (
                  <ScoreTrendChart history={score.data.history} />
                )}
              </div>
              <figcaption className="mt-1 text-xs text-slate-500">Score at each evaluation over the last 90 days (after every policy sync, refresh or override).</figcaption>
            </figure>
          </div>
        ) : null}
      </QueryState>
    </section>
  );
}
