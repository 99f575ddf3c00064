import { BUILTIN_POLICIES } from "../../detection/builtin-policies";
import type { TRuntimePolicy } from "../../detection/policy-config";
import { ZCustomPolicyFilter, ZCustomPolicyTrigger, ZPolicyScope, type TBuiltinPolicyKey } from "../../shared/schemas/policies";
import { getPgPool } from "../db";

// The detection policies as the engine runs them. These rows belong to policy-repository's table
// (detection_policies); they stay here until that repository takes them (issue 20, integrator). The detection
// reads and writes moved to the repositories of their tables: activity-repository (activities),
// consumer-cursor-repository (the cursor transaction), detection-profile-repository, alert-repository,
// atlassian-user-repository (org admins) and connector-repository (pending connectors).

type PolicyRow = {
  id: string;
  builtin_key: string | null;
  name: string;
  enabled: boolean;
  sensitivity: TRuntimePolicy["sensitivity"];
  severity: TRuntimePolicy["severity"];
  scope: unknown;
  filter: unknown;
  trigger: unknown;
  created_at: Date;
};

const toPolicy = (r: PolicyRow): TRuntimePolicy | null => {
  const scope = ZPolicyScope.safeParse(r.scope ?? {});
  const filter = r.filter === null ? null : ZCustomPolicyFilter.safeParse(r.filter);
  const trigger = r.trigger === null ? null : ZCustomPolicyTrigger.safeParse(r.trigger);
  // A custom row whose filter or trigger no longer parses is skipped rather than stopping detection.
  if (!scope.success || (filter && !filter.success) || (trigger && !trigger.success)) return null;
  if (r.builtin_key === null && (!filter || !trigger)) return null;
  return {
    id: r.id,
    key: r.builtin_key ?? `custom:${r.id}`,
    builtinKey: r.builtin_key as TBuiltinPolicyKey | null,
    name: r.name,
    enabled: r.enabled,
    sensitivity: r.sensitivity,
    severity: r.severity,
    scope: scope.data,
    filter: filter?.success ? filter.data : null,
    trigger: trigger?.success ? trigger.data : null,
    createdAt: r.created_at,
  };
};

/** Every detection policy (built-in and custom), enabled or not, as the engine runs them. */
export const listRuntimePolicies = async (): Promise<TRuntimePolicy[]> => {
  const { rows } = await getPgPool().query<PolicyRow>(
    "SELECT id, builtin_key, name, enabled, sensitivity::text AS sensitivity, severity::text AS severity, scope, filter, trigger, created_at FROM detection_policies ORDER BY created_at, id",
  );
  return rows.map(toPolicy).filter((p): p is TRuntimePolicy => p !== null);
};

/** Inserts the built-in policy rows that are missing; never changes existing ones (admins may have tuned them). */
export const insertMissingBuiltinPolicies = async (): Promise<number> => {
  const rows = BUILTIN_POLICIES.map((p) => ({ builtin_key: p.key, name: p.name, description: p.description, severity: p.defaultSeverity }));
  const result = await getPgPool().query(
    `INSERT INTO detection_policies (id, builtin_key, name, description, severity, scope, updated_at)
     SELECT gen_random_uuid(), r.builtin_key, r.name, r.description, r.severity::"Severity",
       '{"includeUsers":[],"excludeUsers":[],"includeGroups":[],"excludeGroups":[]}'::jsonb, now()
     FROM jsonb_to_recordset($1::jsonb) AS r(builtin_key text, name text, description text, severity text)
     WHERE NOT EXISTS (SELECT 1 FROM detection_policies p WHERE p.builtin_key = r.builtin_key)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(rows)],
  );
  return result.rowCount ?? 0;
};

