"use client";

import Link from "next/link";
import { useState } from "react";
import { useUpdatePolicy } from "@/lib/client/hooks/use-policy-mutations";
import { GOVERNANCE_ACTION_LABELS } from "@/lib/shared/schemas/governance";
import { SENSITIVITIES, SEVERITIES, type TPolicyDto, type TUpdatePolicyInput } from "@/lib/shared/schemas/policies";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { PolicyActionsDialog } from "./policy-actions-dialog";
import { ScopeDialog } from "./scope-dialog";

type Props = Readonly<{ policies: TPolicyDto[]; canEdit: boolean }>;

const scopeSummary = ({ scope }: TPolicyDto): string => {
  const parts = [
    scope.includeUsers.length ? `${scope.includeUsers.length} users` : "",
    scope.includeGroups.length ? `${scope.includeGroups.length} groups` : "",
  ].filter(Boolean);
  const excluded = scope.excludeUsers.length + scope.excludeGroups.length;
  return `${parts.length ? `Only ${parts.join(" and ")}` : "Everyone"}${excluded ? `, ${excluded} excluded` : ""}`;
};

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900";

/** Every policy with its switch, sensitivity (built-ins) and severity, changed in place. */
export function PoliciesTable({ policies, canEdit }: Props) {
  const [scoping, setScoping] = useState<TPolicyDto | null>(null);
  const [acting, setActing] = useState<TPolicyDto | null>(null);
  const mutation = useUpdatePolicy();
  const update = (policy: TPolicyDto, input: TUpdatePolicyInput, onDone?: () => void) => mutation.mutate({ id: policy.id, input }, { onSuccess: onDone });
  return (
    <div className="space-y-3">
      {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      <DataTable columns={[{ label: "Enabled" }, { label: "Policy" }, { label: "Type" }, { label: "Sensitivity" }, { label: "Severity" }, { label: "Scope" }, { label: "Actions on new alerts" }]}>
        {policies.map((policy) => (
          <tr key={policy.id} data-testid={`policy-${policy.key}`}>
            <td className="py-2 pr-4">
              <input
                type="checkbox"
                role="switch"
                aria-label={`Enable ${policy.name}`}
                checked={policy.enabled}
                disabled={!canEdit || mutation.isPending}
                onChange={(e) => update(policy, { enabled: e.target.checked })}
                className="size-4 accent-brand-600"
              />
            </td>
            <td className="py-2 pr-4">
              {policy.kind === "custom" ? (
                <Link href={`/policies/${policy.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
                  {policy.name}
                </Link>
              ) : (
                <span className="font-medium">{policy.name}</span>
              )}
              <p className="max-w-xl text-xs text-slate-500 dark:text-slate-400">{policy.description}</p>
            </td>
            <td className="py-2 pr-4 whitespace-nowrap">{policy.kind === "builtin" ? <Badge>Built-in</Badge> : <Badge tone="brand">Custom</Badge>}</td>
            <td className="py-2 pr-4">
              {policy.kind === "builtin" ? (
                <select aria-label={`Sensitivity of ${policy.name}`} value={policy.sensitivity} disabled={!canEdit || mutation.isPending} onChange={(e) => update(policy, { sensitivity: e.target.value as TPolicyDto["sensitivity"] })} className={SELECT}>
                  {SENSITIVITIES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="text-slate-500 dark:text-slate-400">–</span>
              )}
            </td>
            <td className="py-2 pr-4">
              <select aria-label={`Severity of ${policy.name}`} value={policy.severity} disabled={!canEdit || mutation.isPending} onChange={(e) => update(policy, { severity: e.target.value as TPolicyDto["severity"] })} className={SELECT}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </td>
            <td className="py-2 text-sm whitespace-nowrap">
              <span className="text-slate-600 dark:text-slate-400">{scopeSummary(policy)}</span>
              {canEdit ? (
                <Button variant="ghost" className="ml-1 px-2 py-1 text-xs" aria-label={`Edit scope of ${policy.name}`} onClick={() => setScoping(policy)}>
                  Edit
                </Button>
              ) : null}
            </td>
            <td className="py-2 pl-4 text-sm whitespace-nowrap" data-testid="policy-actions">
              <span className="text-slate-600 dark:text-slate-400">{policy.actions.length ? policy.actions.map((a) => GOVERNANCE_ACTION_LABELS[a]).join(", ") : "None"}</span>
              {canEdit ? (
                <Button variant="ghost" className="ml-1 px-2 py-1 text-xs" aria-label={`Edit actions of ${policy.name}`} onClick={() => setActing(policy)}>
                  Edit
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {scoping ? (
        <ScopeDialog
          policy={scoping}
          isBusy={mutation.isPending}
          error={mutation.isError ? mutation.error.message : null}
          onSave={(scope) => update(scoping, { scope }, () => setScoping(null))}
          onClose={() => setScoping(null)}
        />
      ) : null}
      {acting ? (
        <PolicyActionsDialog
          policy={acting}
          isBusy={mutation.isPending}
          error={mutation.isError ? mutation.error.message : null}
          onSave={(actions) => update(acting, { actions }, () => setActing(null))}
          onClose={() => setActing(null)}
        />
      ) : null}
    </div>
  );
}
