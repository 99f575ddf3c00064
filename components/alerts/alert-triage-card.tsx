"use client";

import { useState } from "react";
import { useUpdateAlert } from "@/lib/client/hooks/use-alert-mutations";
import { ALERT_CLASSIFICATION_LABELS, type TAlertDetailDto, type TAlertEgressResult } from "@/lib/shared/schemas/alerts";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { AlertIncidentFact } from "../incidents/alert-incident-fact";
import { Fact } from "../ui/fact";
import { formatDateTime } from "../ui/format";
import { LocalTime } from "../ui/local-time";
import { AlertAssigneeField } from "./alert-assignee-field";
import { AlertEgressDialog } from "./alert-egress-dialog";
import { isEgressPolicyKey } from "@/lib/shared/schemas/alerts";
import { alertIps } from "./alert-format";
import { AlertStatusActions } from "./alert-status-actions";
import { AlertStatusBadge } from "./alert-status-badge";
import { SeverityBadge } from "./severity-badge";

type Props = Readonly<{ alert: TAlertDetailDto; canAct: boolean; currentUserId: string }>;

/** Status, severity, assignee and resolution at a glance; for analysts and admins the triage controls. */
export function AlertTriageCard({ alert, canAct, currentUserId }: Props) {
  const update = useUpdateAlert(alert.id);
  const [isEgressOpen, setIsEgressOpen] = useState(false);
  const [egress, setEgress] = useState<TAlertEgressResult | null>(null);
  const [isDialogOpen, setIsDialogOpen] = useState(false);
  const isClosed = alert.status === "resolved" || alert.status === "dismissed";
  const canMarkEgress = canAct && isEgressPolicyKey(alert.policyKey);

  return (
    <Card title="Triage">
      <div className="space-y-4">
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          <Fact label="Status" testId="alert-status">
            <AlertStatusBadge status={alert.status} />
          </Fact>
          <Fact label="Severity">
            <SeverityBadge severity={alert.severity} />
          </Fact>
          <AlertIncidentFact incident={alert.incident} />
          {canAct ? null : (
            <Fact label="Assignee" testId="alert-assignee">
              {alert.assignee ? `${alert.assignee.name} (${alert.assignee.email})` : "Unassigned"}
            </Fact>
          )}
          {isClosed ? (
            <Fact label="Classification" testId="alert-classification">
              {alert.classification ? ALERT_CLASSIFICATION_LABELS[alert.classification] : "—"}
              {alert.resolvedAt ? (
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  <LocalTime iso={alert.resolvedAt} />
                </span>
              ) : null}
            </Fact>
          ) : null}
          {isClosed && alert.resolutionReason ? (
            <Fact label="Reason" testId="alert-resolution-reason">
              <span className="break-words whitespace-pre-wrap">{alert.resolutionReason}</span>
            </Fact>
          ) : null}
        </dl>
        {canAct ? (
          <div className="flex flex-wrap items-end justify-between gap-4 border-t border-slate-200 pt-4 dark:border-slate-800">
            <div className="w-full max-w-md">
              <AlertAssigneeField assignee={alert.assignee} currentUserId={currentUserId} isBusy={update.isPending} onAssign={(assigneeId) => update.mutate({ assigneeId })} />
            </div>
            <div className="flex flex-wrap gap-2">
              <AlertStatusActions
                status={alert.status}
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
              {canMarkEgress ? (
                <Button variant="secondary" onClick={() => setIsEgressOpen(true)}>
                  This is our egress
                </Button>
              ) : null}
            </div>
          </div>
        ) : null}
        {update.error && !isDialogOpen ? <Alert tone="error">{update.error.message}</Alert> : null}
        {egress ? (
          <Alert tone="success">
            Marked as egress: {egress.range.category === "vpn" ? "VPN" : "Corporate"} range “{egress.range.name}” ({egress.range.cidrs.join(", ")}
            {egress.range.expiresAt ? `, until ${formatDateTime(egress.range.expiresAt)}` : ""}). {egress.reevaluated.dismissed}{" "}
            {egress.reevaluated.dismissed === 1 ? "alert was" : "alerts were"} re-evaluated and dismissed.
          </Alert>
        ) : null}
      </div>
      {isEgressOpen ? (
        <AlertEgressDialog
          alertId={alert.id}
          ips={alertIps(alert.details)}
          onClose={() => setIsEgressOpen(false)}
          onDone={(result) => {
            setEgress(result);
            setIsEgressOpen(false);
          }}
        />
      ) : null}
    </Card>
  );
}
