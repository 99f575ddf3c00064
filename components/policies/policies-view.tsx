"use client";

import { useQuery } from "@tanstack/react-query";
import { policiesQuery } from "@/lib/client/queries/policies";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { PoliciesTable } from "./policies-table";

export function PoliciesView({ canEdit }: Readonly<{ canEdit: boolean }>) {
  const policies = useQuery(policiesQuery());
  const builtins = policies.data?.filter((p) => p.kind === "builtin") ?? [];
  const custom = policies.data?.filter((p) => p.kind === "custom") ?? [];
  return (
    <div className="space-y-6">
      <Card title="Anomaly policies" description="Built in and learned per user: each needs 7 days of a user's history before it alerts for them (the IP policies alert at once). Sensitivity trades alerts for noise.">
        <QueryState isPending={policies.isPending} error={policies.error} onRetry={() => void policies.refetch()}>
          <PoliciesTable policies={builtins} canEdit={canEdit} />
        </QueryState>
      </Card>
      <Card title="Custom activity policies" description="Your own rules over activity fields: every matching activity, or N matching activities within M minutes.">
        <QueryState isPending={policies.isPending} error={policies.error} onRetry={() => void policies.refetch()}>
          {custom.length > 0 ? <PoliciesTable policies={custom} canEdit={canEdit} /> : <p className="text-sm text-slate-500">No custom policies yet.</p>}
        </QueryState>
      </Card>
    </div>
  );
}
