"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useUpdateSessionPolicy } from "@/lib/client/hooks/use-session-policy-mutations";
import { sessionPoliciesQuery } from "@/lib/client/queries/session-policies";
import { SESSION_CONTROL_TYPE_LABELS } from "@/lib/shared/schemas/session-policies";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { QueryState } from "../ui/query-state";

const COLUMNS = [{ label: "Enabled" }, { label: "Policy" }, { label: "Control type" }, { label: "Action" }, { label: "Priority" }];

/** Session policies in the order the proxy evaluates them, each with its switch. */
export function SessionPoliciesView({ canEdit }: Readonly<{ canEdit: boolean }>) {
  const policies = useQuery(sessionPoliciesQuery());
  const mutation = useUpdateSessionPolicy();
  const rows = policies.data ?? [];
  return (
    <Card
      title="Session policies"
      description="Applied by the session proxy to every classified request, in this order: the first Block wins, every matching Audit logs. Changes reach the proxy within 5 seconds."
    >
      <QueryState isPending={policies.isPending} error={policies.error} onRetry={() => void policies.refetch()}>
        {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">
            No session policies yet.{canEdit ? " Create one with New session policy, for example from the template “Block downloads to unmanaged devices”." : ""}
          </p>
        ) : (
          <DataTable columns={COLUMNS}>
            {rows.map((policy) => (
              <tr key={policy.id} data-testid={`session-policy-${policy.id}`}>
                <td className="py-2 pr-4">
                  <input
                    type="checkbox"
                    role="switch"
                    aria-label={`Enable ${policy.name}`}
                    checked={policy.enabled}
                    disabled={!canEdit || mutation.isPending}
                    onChange={(e) => mutation.mutate({ id: policy.id, input: { enabled: e.target.checked } })}
                    className="size-4 accent-brand-600"
                  />
                </td>
                <td className="py-2 pr-4">
                  <Link href={`/policies/session/${policy.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
                    {policy.name}
                  </Link>
                  {policy.description ? <p className="max-w-xl text-xs text-slate-500 dark:text-slate-400">{policy.description}</p> : null}
                </td>
                <td className="py-2 pr-4 whitespace-nowrap">{SESSION_CONTROL_TYPE_LABELS[policy.controlType]}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{policy.action.kind === "block" ? <Badge tone="red">Block</Badge> : <Badge tone="amber">Audit</Badge>}</td>
                <td className="py-2 tabular-nums">{policy.priority}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
    </Card>
  );
}
