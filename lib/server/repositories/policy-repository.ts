import { sql } from "kysely";
import { BUILTIN_POLICIES } from "../../detection/builtin-policies";
import type { TRuntimePolicy } from "../../detection/policy-config";
import { Prisma } from "../../generated/prisma/client";
import {
  BUILTIN_POLICY_KEYS,
  ZCustomPolicyFilter,
  ZCustomPolicyTrigger,
  ZPolicyScope,
  type TBuiltinPolicyKey,
  type TSensitivity,
  type TSeverity,
} from "../../shared/schemas/policies";
import { getDb, getSql, type Db, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";
import { ConflictError, withConflict } from "./persistence-errors";

const SELECT = {
  id: true,
  builtinKey: true,
  name: true,
  description: true,
  enabled: true,
  sensitivity: true,
  severity: true,
  scope: true,
  filter: true,
  trigger: true,
  actions: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type PolicyRecord = Readonly<{
  id: string;
  builtinKey: string | null;
  name: string;
  description: string;
  enabled: boolean;
  sensitivity: TSensitivity;
  severity: TSeverity;
  scope: Prisma.JsonValue;
  filter: Prisma.JsonValue;
  trigger: Prisma.JsonValue;
  actions: string[];
  createdAt: Date;
  updatedAt: Date;
}>;

export type PolicyData = Readonly<{
  name: string;
  description: string;
  enabled: boolean;
  sensitivity: TSensitivity;
  severity: TSeverity;
  scope: object;
  filter: object | null;
  trigger: object | null;
  /** Governance actions run on each new alert (issue 7). */
  actions?: string[];
}>;

const json = (value: object | null | undefined) => (value === undefined ? undefined : value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue));

/** Policy names are unique (detection_policies.name): a taken name is a 409 on the name field. */
const nameTaken = () => new ConflictError("Another policy already has this name", "name");

const builtinRank = (key: string | null) => (BUILTIN_POLICY_KEYS as readonly (string | null)[]).indexOf(key);

/** Built-in policies first (in the order of BUILTIN_POLICY_KEYS), then custom ones by name. */
export const listPolicies = async (db: Db = getDb()): Promise<PolicyRecord[]> => {
  const rows = await db.detectionPolicy.findMany({ select: SELECT, orderBy: { name: "asc" } });
  const builtins = rows.filter((r) => r.builtinKey !== null).sort((a, b) => builtinRank(a.builtinKey) - builtinRank(b.builtinKey));
  return [...builtins, ...rows.filter((r) => r.builtinKey === null)];
};

export const findPolicy = (where: { id: string } | { builtinKey: string }, db: Db = getDb()): Promise<PolicyRecord | null> =>
  db.detectionPolicy.findUnique({ where, select: SELECT });

export const createCustomPolicy = (data: PolicyData & { createdById: string | null }, db: Db = getDb()): Promise<PolicyRecord> =>
  withConflict(
    () =>
      db.detectionPolicy.create({
        data: { ...data, scope: data.scope as Prisma.InputJsonValue, filter: json(data.filter), trigger: json(data.trigger) } as Prisma.DetectionPolicyCreateInput,
        select: SELECT,
      }),
    nameTaken,
  );

export const updatePolicy = (id: string, data: Partial<PolicyData>, db: Db = getDb()): Promise<PolicyRecord> =>
  withConflict(
    () =>
      db.detectionPolicy.update({
        where: { id },
        data: { ...data, scope: json(data.scope), filter: json(data.filter), trigger: json(data.trigger) } as Prisma.DetectionPolicyUpdateInput,
        select: SELECT,
      }),
    nameTaken,
  );

export const deleteCustomPolicy = async (id: string, db: Db = getDb()): Promise<boolean> =>
  (await db.detectionPolicy.deleteMany({ where: { id, builtinKey: null } })).count > 0;

// The policies as the detection engine runs them (moved here from detection-repository.ts, issue 20).

const selectPolicies = (db: Sql) =>
  db.selectFrom("detection_policies").select(["id", "builtin_key", "name", "enabled", "sensitivity", "severity", "scope", "filter", "trigger", "created_at"]);

type RuntimePolicyRow = Awaited<ReturnType<ReturnType<typeof selectPolicies>["executeTakeFirstOrThrow"]>>;

const toPolicy = (r: RuntimePolicyRow): TRuntimePolicy | null => {
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
