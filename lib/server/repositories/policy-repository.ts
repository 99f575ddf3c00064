import { Prisma } from "../../generated/prisma/client";
import { BUILTIN_POLICY_KEYS, type TSensitivity, type TSeverity } from "../../shared/schemas/policies";
import { getDb } from "../db";

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

export class PolicyNameTakenError extends Error {}

const json = (value: object | null | undefined) => (value === undefined ? undefined : value === null ? Prisma.DbNull : (value as Prisma.InputJsonValue));

const mapUnique = async <T>(write: () => Promise<T>): Promise<T> => {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "P2002") throw new PolicyNameTakenError("name");
    throw error;
  }
};

const builtinRank = (key: string | null) => (BUILTIN_POLICY_KEYS as readonly (string | null)[]).indexOf(key);

/** Built-in policies first (in the order of BUILTIN_POLICY_KEYS), then custom ones by name. */
export const listPolicies = async (): Promise<PolicyRecord[]> => {
  const rows = await getDb().detectionPolicy.findMany({ select: SELECT, orderBy: { name: "asc" } });
  const builtins = rows.filter((r) => r.builtinKey !== null).sort((a, b) => builtinRank(a.builtinKey) - builtinRank(b.builtinKey));
  return [...builtins, ...rows.filter((r) => r.builtinKey === null)];
};

export const findPolicy = (where: { id: string } | { builtinKey: string }): Promise<PolicyRecord | null> =>
  getDb().detectionPolicy.findUnique({ where, select: SELECT });

export const createCustomPolicy = (data: PolicyData & { createdById: string | null }): Promise<PolicyRecord> =>
  mapUnique(() =>
    getDb().detectionPolicy.create({
      data: { ...data, scope: data.scope as Prisma.InputJsonValue, filter: json(data.filter), trigger: json(data.trigger) } as Prisma.DetectionPolicyCreateInput,
      select: SELECT,
    }),
  );

export const updatePolicy = (id: string, data: Partial<PolicyData>): Promise<PolicyRecord> =>
  mapUnique(() =>
    getDb().detectionPolicy.update({
      where: { id },
      data: { ...data, scope: json(data.scope), filter: json(data.filter), trigger: json(data.trigger) } as Prisma.DetectionPolicyUpdateInput,
      select: SELECT,
    }),
  );

export const deleteCustomPolicy = async (id: string): Promise<boolean> => (await getDb().detectionPolicy.deleteMany({ where: { id, builtinKey: null } })).count > 0;
