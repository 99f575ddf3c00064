import { EMPTY_SCOPE } from "../../../detection/policy-config";
import { POLICY_GOVERNANCE_ACTIONS } from "../../../shared/schemas/governance";
import { ZCustomPolicyFilter, ZCustomPolicyTrigger, ZPolicyScope, type TPolicyActions, type TPolicyDto } from "../../../shared/schemas/policies";
import type { PolicyRecord } from "../../repositories/policy-repository";

/** Stored JSON read through the shared schemas; a value that no longer parses shows as empty. */
export const toPolicyDto = (r: PolicyRecord): TPolicyDto => {
  const scope = ZPolicyScope.safeParse(r.scope ?? {});
  const filter = r.filter === null ? null : ZCustomPolicyFilter.safeParse(r.filter);
  const trigger = r.trigger === null ? null : ZCustomPolicyTrigger.safeParse(r.trigger);
  return {
    id: r.id,
    key: r.builtinKey ?? `custom:${r.id}`,
    kind: r.builtinKey ? "builtin" : "custom",
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    sensitivity: r.sensitivity,
    severity: r.severity,
    scope: scope.success ? scope.data : EMPTY_SCOPE,
    filter: filter?.success ? filter.data : null,
    trigger: trigger?.success ? trigger.data : null,
    actions: r.actions.filter((a): a is TPolicyActions[number] => (POLICY_GOVERNANCE_ACTIONS as readonly string[]).includes(a)),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
};
