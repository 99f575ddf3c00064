import { BUILTIN_POLICIES } from "../../detection/builtin-policies";
import type { TRuntimePolicy } from "../../detection/policy-config";
import { ZCustomPolicyFilter, ZCustomPolicyTrigger, ZPolicyScope, type TBuiltinPolicyKey } from "../../shared/schemas/policies";
import { sql } from "kysely";
import { getSql, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";

// The detection policies as the engine runs them. These rows belong to policy-repository's table
// (detection_policies); they stay here until that repository takes them (issue 20, integrator). The detection
// reads and writes moved to the repositories of their tables: activity-repository (activities),
// consumer-cursor-repository (the cursor transaction), detection-profile-repository, alert-repository,
// atlassian-user-repository (org admins) and connector-repository (pending connectors).

const selectPolicies = (db: Sql) =>
  db.selectFrom("detection_policies").select(["id", "builtin_key", "name", "enabled", "sensitivity", "severity", "scope", "filter", "trigger", "created_at"]);

type PolicyRow = Awaited<ReturnType<ReturnType<typeof selectPolicies>["executeTakeFirstOrThrow"]>>;

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
export const listRuntimePolicies = async (db: Sql = getSql()): Promise<TRuntimePolicy[]> => {
  const rows = await selectPolicies(db).orderBy("created_at").orderBy("id").execute();
  return rows.map(toPolicy).filter((p): p is TRuntimePolicy => p !== null);
};

/** Inserts the built-in policy rows that are missing; never changes existing ones (admins may have tuned them). */
export const insertMissingBuiltinPolicies = async (db: Sql = getSql()): Promise<number> => {
  const r = jsonRecordset(
    "r",
    { builtin_key: "text", name: "text", description: "text", severity: '"Severity"' },
    BUILTIN_POLICIES.map((p) => ({ builtin_key: p.key, name: p.name, description: p.description, severity: p.defaultSeverity })),
  );
  const result = await db
    .insertInto("detection_policies")
    .columns(["id", "builtin_key", "name", "description", "severity", "scope", "updated_at"])
    .expression((eb) =>
      eb
        .selectFrom(r)
        .select((s) => [
          sql<string>`gen_random_uuid()`.as("id"),
          "r.builtin_key",
          "r.name",
          "r.description",
          "r.severity",
          sql<unknown>`'{"includeUsers":[],"excludeUsers":[],"includeGroups":[],"excludeGroups":[]}'::jsonb`.as("scope"),
          s.fn<Date>("now").as("updated_at"),
        ])
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom("detection_policies as p").select(sql<number>`1`.as("one")).whereRef("p.builtin_key", "=", "r.builtin_key")))),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
};
