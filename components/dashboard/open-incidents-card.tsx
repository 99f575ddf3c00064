"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { openIncidentsQuery } from "@/lib/client/queries/incidents";
import { SEVERITIES, SEVERITY_LABELS } from "@/lib/shared/schemas/alerts";
import { AlertStatusBadge } from "../alerts/alert-status-badge";
import { SeverityBadge } from "../alerts/severity-badge";
import { countOf, incidentUserLabel } from "../incidents/incident-format";
import { Card } from "../ui/card";
import { formatCount } from "../ui/format";
import { QueryState } from "../ui/query-state";

const OPEN_HREF = "/incidents?status=open";

/** Incidents open or in progress now (whatever the range): how many per severity, and the five most worrying. */
export function OpenIncidentsCard() {
  const query = useQuery(openIncidentsQuery());
  const data = query.data;
  return (
    <Card
      title="Open incidents"
      description="Open or in progress now, most worrying first."
      actions={
        <Link className="text-sm underline" href="/incidents">
          All incidents
        </Link>
      }
    >
      <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        {data ? (
          <div className="space-y-4">
            <dl className="grid grid-cols-3 gap-4" aria-label="Open incidents by severity">
              {[...SEVERITIES].reverse().map((severity) => (
                <div key={severity}>
                  <dt className="text-sm text-slate-500 dark:text-slate-400">{SEVERITY_LABELS[severity]}</dt>
                  <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`open-incidents-${severity}`}>
                    <Link href={`${OPEN_HREF},in_progress&severity=${severity}`} className="hover:underline">
                      {formatCount(data.bySeverity[severity])}
                    </Link>
                  </dd>
                </div>
              ))}
            </dl>
            {data.top.length === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="open-incidents-empty">
                No open incidents.
              </p>
            ) : (
              <ol aria-label="Most worrying open incidents" className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
                {data.top.map((incident) => (
                  <li key={incident.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="open-incident">
                    <span className="flex min-w-0 items-center gap-2">
                      <SeverityBadge severity={incident.severity} />
                      <Link href={`/incidents/${incident.id}`} className="truncate font-medium text-brand-700 hover:underline dark:text-sky-300">
                        {incidentUserLabel(incident.user)}
                      </Link>
                    </span>
                    <span className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
                      {countOf(incident.alertCount, "alert")} · {countOf(incident.policies.length, "policy", "policies")}
                      <AlertStatusBadge status={incident.status} />
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        ) : null}
      </QueryState>
    </Card>
  );
}
