"use client";

import { useQuery } from "@tanstack/react-query";
import { useAddAlertComment } from "@/lib/client/hooks/use-alert-mutations";
import { alertQuery } from "@/lib/client/queries/alerts";
import type { TAlertDetailDto } from "@/lib/shared/schemas/alerts";
import { isSessionAlertKey } from "@/lib/shared/schemas/session-alerts";
import { Card } from "../ui/card";
import { DescriptionList } from "../ui/description-list";
import { LocalTime } from "../ui/local-time";
import { AlertActivitiesCard } from "./alert-activities-card";
import { AlertCommentsCard } from "./alert-comments-card";
import { AlertGovernanceCard } from "./alert-governance-card";
import { AlertHistoryCard } from "./alert-history-card";
import { AlertSessionCard } from "./alert-session-card";
import { AlertTravelView } from "./alert-travel-view";
import { AlertTriageCard } from "./alert-triage-card";
import { AlertUserCard } from "./alert-user-card";

type Props = Readonly<{
  /** The alert as the server rendered it; kept fresh by the query afterwards. */
  alert: TAlertDetailDto;
  /** hasRole(principal.role, "analyst"): viewers read everything and get no controls. */
  canAct: boolean;
  currentUserId: string;
}>;

/**
 * /alerts/{id}: triage (status, assignee, resolution), why it fired (explanation, travel; a session alert's session with
 * End session and Suspend user), the activities, the user's context, comments, governance and the full history.
 */
export function AlertDetailView({ alert: initial, canAct, currentUserId }: Props) {
  const query = useQuery(alertQuery(initial.id, initial));
  const alert = query.data ?? initial;
  const addComment = useAddAlertComment(initial.id);
  return (
    <div className="space-y-6">
      <AlertTriageCard alert={alert} canAct={canAct} currentUserId={currentUserId} />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Why">
            <div className="space-y-4">
              <p className="text-sm" data-testid="alert-explanation">
                {alert.explanation}
              </p>
              {alert.policyKey === "impossible_travel" ? <AlertTravelView details={alert.details} /> : null}
            </div>
          </Card>
          {isSessionAlertKey(alert.policyKey) ? <AlertSessionCard alert={alert} canAct={canAct} /> : null}
          <Card title="Details">
            <DescriptionList
              items={[
                { label: "Policy", value: alert.policyName, hint: alert.policyKey },
                { label: "First activity", value: <LocalTime iso={alert.firstActivityAt} /> },
                { label: "Last activity", value: <LocalTime iso={alert.lastActivityAt} /> },
                { label: "Raised", value: <LocalTime iso={alert.createdAt} /> },
                { label: "Updated", value: <LocalTime iso={alert.updatedAt} /> },
              ]}
            />
          </Card>
        </div>
        <div className="min-w-0">
          <AlertUserCard alert={alert} />
        </div>
      </div>
      <AlertActivitiesCard alert={alert} />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <AlertCommentsCard comments={alert.comments} canAct={canAct} add={addComment} />
          <AlertHistoryCard history={alert.history} />
        </div>
        <div className="min-w-0 space-y-6">
          <AlertGovernanceCard alert={alert} canAct={canAct} />
          <Card title="Evidence">
            <details>
              <summary className="cursor-pointer text-sm text-slate-600 dark:text-slate-300">The structured facts behind the explanation</summary>
              <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs dark:bg-slate-950">{JSON.stringify(alert.details, null, 2)}</pre>
            </details>
          </Card>
        </div>
      </div>
    </div>
  );
}
