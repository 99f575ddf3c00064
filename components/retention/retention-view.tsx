"use client";

import { useQuery } from "@tanstack/react-query";
import { retentionQuery } from "@/lib/client/queries/retention";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { LastRetentionRuns } from "./last-retention-runs";
import { LegalHolds } from "./legal-holds";
import { RetentionDryRun } from "./retention-dry-run";
import { RetentionPeriodsForm } from "./retention-periods-form";

/** Settings → Data retention: the periods, what the next run removes (dry run), legal holds and the last runs. */
export function RetentionView() {
  const retention = useQuery(retentionQuery());
  const data = retention.data;
  return (
    <QueryState isPending={retention.isPending} error={retention.error} onRetry={() => void retention.refetch()}>
      {data ? (
        <div className="space-y-6">
          <Card title="Retention periods" description="Days each kind of record is kept. A period set by an environment variable is shown here but changed there.">
            <RetentionPeriodsForm periods={data.periods} />
          </Card>
          <RetentionDryRun />
          <Card
            title="Legal holds"
            description="A hold keeps a connector's, or one person's, activities and alerts past retention until it is released. Every hold and release is audited."
          >
            <LegalHolds holds={data.holds} />
          </Card>
          <Card title="Last runs" description="Each run is recorded in the portal audit log with what it removed.">
            <LastRetentionRuns runs={data.lastRuns} />
          </Card>
        </div>
      ) : null}
    </QueryState>
  );
}
