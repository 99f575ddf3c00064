"use client";

import { useQuery } from "@tanstack/react-query";
import { recommendationsQuery } from "@/lib/client/queries/posture";
import { STATE_LABELS, STATUS_LABELS } from "@/lib/shared/schemas/posture";
import { BackLink } from "../layout/back-link";
import { PageHeader } from "../layout/page-header";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { AffectedCard } from "./affected-card";
import { DriftCard } from "./drift-card";
import { OverrideCard } from "./override-card";
import { fractionText, pointsText, postureHref, STATUS_TONES } from "./posture-labels";

type Props = Readonly<{ connectorId: string; connectorName: string; recommendationKey: string; isAdmin: boolean }>;

/** /posture/{key}: why it matters, status and points, fix steps in Atlassian admin, affected items, drift, state. */
export function RecommendationDetailView({ connectorId, connectorName, recommendationKey, isAdmin }: Props) {
  const list = useQuery(recommendationsQuery(connectorId));
  const r = list.data?.find((x) => x.key === recommendationKey);
  return (
    <>
      <BackLink href={postureHref(connectorId)} label={`Posture of ${connectorName}`} />
      <QueryState isPending={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
        {!r ? (
          <Alert tone="error">Unknown recommendation.</Alert>
        ) : (
          <>
            <PageHeader
              title={r.title}
              description={
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone={STATUS_TONES[r.status]}>{STATUS_LABELS[r.status]}</Badge>
                  {fractionText(r) ? <span>{fractionText(r)}</span> : null}
                  {r.state !== "active" ? <Badge tone="brand">{STATE_LABELS[r.state]}</Badge> : null}
                  <span data-testid="recommendation-points">{pointsText(r)}</span>
                </span>
              }
            />
            <div className="grid gap-6 lg:grid-cols-2">
              <Card title="Why it matters">
                <div className="space-y-2 text-sm">
                  <p>{r.whyItMatters}</p>
                  <p className="text-slate-600 dark:text-slate-400">
                    <span className="font-medium">Measured as:</span> {r.criterion}.
                  </p>
                  <p className="text-slate-600 dark:text-slate-400">
                    <span className="font-medium">Now:</span> {r.summary}.
                  </p>
                </div>
              </Card>
              <Card title="How to fix in Atlassian admin">
                <ol aria-label="How to fix" className="list-decimal space-y-2 pl-5 text-sm">
                  {r.howToFix.map((step) => (
                    <li key={step}>{step}</li>
                  ))}
                </ol>
              </Card>
              {r.drift ? <DriftCard drift={r.drift} /> : null}
              <AffectedCard affected={r.affected} />
              <OverrideCard connectorId={connectorId} recommendation={r} isAdmin={isAdmin} />
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
