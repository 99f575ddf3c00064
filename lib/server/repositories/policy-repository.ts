import { Prisma } from "../../generated/prisma/client";
import { BUILTIN_POLICY_KEYS, type TSensitivity, type TSeverity } from "../../shared/schemas/policies";
import { getDb, type Db } from "../db";
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
