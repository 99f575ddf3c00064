"use client";

import { useState } from "react";
import { useUpdateIncident } from "@/lib/client/hooks/use-incident-mutations";
import { ALERT_CLASSIFICATION_LABELS } from "@/lib/shared/schemas/alerts";
import type { TIncidentDetailDto } from "@/lib/shared/schemas/incidents";
import { AlertAssigneeField } from "../alerts/alert-assignee-field";
import { AlertStatusActions } from "../alerts/alert-status-actions";
import { AlertStatusBadge } from "../alerts/alert-status-badge";
import { SeverityBadge } from "../alerts/severity-badge";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { Fact } from "../ui/fact";
import { LocalTime } from "../ui/local-time";
import { countOf } from "./incident-format";
import { IncidentUserLink } from "./incident-user-link";

type Props = Readonly<{ incident: TIncidentDetailDto; canAct: boolean; currentUserId: string }>;

/**
 * The incident at a glance (user, severity, status, alerts, activity span, resolution) and, for analysts and admins,
 * the alerts' triage controls: assignee, Start investigating, Resolve (classification and reason), Dismiss, Reopen.
 */
export function IncidentTriageCard({ incident, canAct, currentUserId }: Props) {
  const update = useUpdateIncident(incident.id);
  const [isDialogOpen, setIsDialogOpen] = useState(false);
  const isClosed = incident.status === "resolved" || incident.status === "dismissed";
  return (
    <Card title="Triage">
      <div className="space-y-4">
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          <Fact label="User">
            <IncidentUserLink incident={incident} />
          </Fact>
          <Fact label="Severity" testId="incident-severity">
            <SeverityBadge severity={incident.severity} />
          </Fact>
          <Fact label="Status" testId="incident-status">
            <AlertStatusBadge status={incident.status} />
          </Fact>
          <Fact label="Alerts" testId="incident-alert-count">
            {countOf(incident.alertCount, "alert")} · {countOf(incident.policies.length, "policy", "policies")}
            {incident.openAlertCount > 0 && incident.openAlertCount < incident.alertCount ? (
              <span className="block text-xs text-slate-500 dark:text-slate-400">{incident.openAlertCount} still open</span>
            ) : null}
          </Fact>
          <Fact label="First activity">
            <LocalTime iso={incident.firstActivityAt} />
          </Fact>
          <Fact label="Last activity">
            <LocalTime iso={incident.lastActivityAt} />
          </Fact>
          {canAct ? null : (
            <Fact label="Assignee" testId="incident-assignee">
              {incident.assignee ? `${incident.assignee.name} (${incident.assignee.email})` : "Unassigned"}
            </Fact>
          )}
          {isClosed ? (
            <Fact label="Classification" testId="incident-classification">
              {incident.classification ? ALERT_CLASSIFICATION_LABELS[incident.classification] : "—"}
              {incident.resolvedAt ? (
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  <LocalTime iso={incident.resolvedAt} />
                </span>
              ) : null}
            </Fact>
          ) : null}
          {isClosed && incident.resolutionReason ? (
            <Fact label="Reason" testId="incident-resolution-reason">
              <span className="break-words whitespace-pre-wrap">{incident.resolutionReason}</span>
            </Fact>
          ) : null}
        </dl>
        {canAct ? (
          <div className="flex flex-wrap items-end justify-between gap-4 border-t border-slate-200 pt-4 dark:border-slate-800">
            <div className="w-full max-w-md">
              <AlertAssigneeField assignee={incident.assignee} currentUserId={currentUserId} isBusy={update.isPending} onAssign={(assigneeId) => update.mutate({ assigneeId })} />
            </div>
            <AlertStatusActions
              noun="incident"
              status={incident.status}
              isBusy={update.isPending}
              serverError={isDialogOpen ? update.error : null}
              onChange={(patch, onDone) => {
                setIsDialogOpen(patch.status === "resolved" || patch.status === "dismissed");
                update.mutate(patch, {
                  onSuccess: () => {
                    setIsDialogOpen(false);
                    onDone();
                  },
                });
              }}
              onDialogClose={() => {
                setIsDialogOpen(false);
                update.reset();
              }}
            />
          </div>
        ) : null}
        {canAct && !isClosed ? <p className="text-xs text-slate-500 dark:text-slate-400">Resolving or dismissing the incident does the same to its open alerts, with the same classification and reason.</p> : null}
        {update.error && !isDialogOpen ? <Alert tone="error">{update.error.message}</Alert> : null}
      </div>
    </Card>
  );
}
