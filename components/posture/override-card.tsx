"use client";

import { useState } from "react";
import { useSetRecommendationState } from "@/lib/client/queries/posture";
import { STATE_LABELS, type TRecommendationDto, type TRecommendationStateDto } from "@/lib/shared/schemas/posture";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { formatDateTime } from "../ui/format";
import { OverrideDialog } from "./override-dialog";

/** The recommendation's state ("To address", risk accepted, resolved through an alternative) and, for admins, changing it. */
export function OverrideCard({ connectorId, recommendation, isAdmin }: Readonly<{ connectorId: string; recommendation: TRecommendationDto; isAdmin: boolean }>) {
  const mutation = useSetRecommendationState(connectorId);
  const [dialog, setDialog] = useState<Exclude<TRecommendationStateDto, "active"> | null>(null);
  const { state, override } = recommendation;
  const submit = (next: TRecommendationStateDto, reason: string) =>
    mutation.mutate({ key: recommendation.key, input: { connectorId, state: next, reason } }, { onSuccess: () => setDialog(null) });
  return (
    <Card title="State" description="Overridden recommendations leave the score's denominator, as in Microsoft Secure Score.">
      <div className="space-y-3 text-sm">
        <p data-testid="recommendation-state">
          <span className="font-medium">{STATE_LABELS[state]}</span>
          {override ? (
            <span className="text-slate-500">
              {" "}
              — set by {override.setBy ?? "a former user"} on {formatDateTime(override.setAt)}
            </span>
          ) : null}
        </p>
        {override ? (
          <blockquote aria-label="Reason" className="border-l-4 border-slate-300 pl-3 italic dark:border-slate-700">
            {override.reason}
          </blockquote>
        ) : null}
        {isAdmin ? (
          <div className="flex flex-wrap gap-2">
            {state === "active" ? (
              <>
                <Button variant="secondary" onClick={() => setDialog("risk_accepted")}>
                  Accept risk
                </Button>
                <Button variant="secondary" onClick={() => setDialog("resolved_alternative")}>
                  Resolved through an alternative
                </Button>
              </>
            ) : (
              <Button variant="secondary" isBusy={mutation.isPending} onClick={() => submit("active", "")}>
                Reactivate
              </Button>
            )}
          </div>
        ) : null}
        {mutation.error && !dialog ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      </div>
      {dialog ? (
        <OverrideDialog
          title={recommendation.title}
          state={dialog}
          isBusy={mutation.isPending}
          error={mutation.error?.message ?? null}
          onSubmit={(reason) => submit(dialog, reason)}
          onClose={() => {
            mutation.reset();
            setDialog(null);
          }}
        />
      ) : null}
    </Card>
  );
}
