"use client";

import { useQuery } from "@tanstack/react-query";
import { useAddIncidentComment } from "@/lib/client/hooks/use-incident-mutations";
import { incidentQuery } from "@/lib/client/queries/incidents";
import { AlertCommentsCard } from "../alerts/alert-comments-card";
import { AlertHistoryCard } from "../alerts/alert-history-card";
import { PageHeader } from "../layout/page-header";
import { QueryState } from "../ui/query-state";
import { countOf, incidentUserLabel } from "./incident-format";
import { describeIncidentEvent } from "./incident-history-format";
import { IncidentAlertsCard } from "./incident-alerts-card";
import { IncidentTimelineCard } from "./incident-timeline-card";
import { IncidentTriageCard } from "./incident-triage-card";

type Props = Readonly<{ id: string; canAct: boolean; currentUserId: string }>;

/** /incidents/{id}: triage, its alerts, the merged timeline, comments and history. Polls, as alerts keep joining an open incident. */
export function IncidentDetailView({ id, canAct, currentUserId }: Props) {
  const query = useQuery(incidentQuery(id));
  const addComment = useAddIncidentComment(id);
  const incident = query.data;
  const isMissing = query.error && "status" in query.error && query.error.status === 404;
  if (isMissing) return <PageHeader title="Incident not found" description="It may have been deleted with its connector. The incident queue lists the others." />;
  return (
    <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
      {incident ? (
        <>
          <PageHeader
            title={`Incident: ${incidentUserLabel(incident.user)}`}
            description={`${countOf(incident.alertCount, "alert")} from ${incident.policies.map((p) => p.name).join(", ")}`}
          />
          <div className="space-y-6">
            <IncidentTriageCard incident={incident} canAct={canAct} currentUserId={currentUserId} />
            <IncidentAlertsCard alerts={incident.alerts} />
            <IncidentTimelineCard timeline={incident.timeline} isTruncated={incident.timelineTruncated} alerts={incident.alerts} />
            <div className="grid items-start gap-6 lg:grid-cols-2">
              <AlertCommentsCard comments={incident.comments} canAct={canAct} add={addComment} />
              <AlertHistoryCard history={incident.history} noun="incident" describe={(event, previous) => describeIncidentEvent(event, previous, incident.alerts)} />
            </div>
          </div>
        </>
      ) : null}
    </QueryState>
  );
}
