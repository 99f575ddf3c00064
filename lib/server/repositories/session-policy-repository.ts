// Session policies (issue 22): the proxy reads the enabled ones on its refresh loop; the portal writes them.
import { randomUUID } from "node:crypto";
import {
  compareSessionPolicies,
  ZSessionControlType,
  ZSessionPolicyAction,
  ZSessionPolicyAlert,
  ZSessionPolicyFilters,
  type TSessionPolicy,
} from "../../shared/schemas/session-policies";
import { getSql, type Sql } from "../db";
import { ConflictError, withConflict } from "./persistence-errors";

export type TSessionPolicyRow = Readonly<{
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  priority: number;
  control_type: string;
  filters: unknown;
  action: unknown;
  notify_user: boolean;
  alert: unknown;
  created_at: Date;
  updated_at: Date;
}>;

export const SESSION_POLICY_COLUMNS = [
  "id",
  "name",
  "description",
  "enabled",
  "priority",
  "control_type",
  "filters",
  "action",
  "notify_user",
  "alert",
  "created_at",
  "updated_at",
] as const;

/** A stored row as a policy; null when its JSON no longer parses (never evaluated, and reported by the caller). */
export const toSessionPolicy = (row: TSessionPolicyRow): TSessionPolicy | null => {
  const controlType = ZSessionControlType.safeParse(row.control_type);
  const filters = ZSessionPolicyFilters.safeParse(row.filters ?? {});
  const action = ZSessionPolicyAction.safeParse(row.action);
  const alert = row.alert === null ? null : ZSessionPolicyAlert.safeParse(row.alert);
  if (!controlType.success || !filters.success || !action.success || (alert !== null && !alert.success)) return null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    priority: row.priority,
    controlType: controlType.data,
    filters: filters.data,
    action: action.data,
    notifyUser: row.notify_user,
    alert: alert === null ? null : (alert.data ?? null),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};

/** The enabled policies in evaluation order, and the ids of enabled rows that no longer parse. */
export const listEnabledSessionPolicies = async (sqlDb: Sql = getSql()): Promise<{ policies: TSessionPolicy[]; unreadable: string[] }> => {
  const rows = await sqlDb.selectFrom("session_policies").select(SESSION_POLICY_COLUMNS).where("enabled", "=", true).execute();
  const policies: TSessionPolicy[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    const policy = toSessionPolicy(row);
    if (policy) policies.push(policy);
    else unreadable.push(row.id);
  }
  return { policies: policies.sort(compareSessionPolicies), unreadable };
};

// The portal's reads and writes (issue 22's REST API): the same pool and row mapping as the proxy's read.

/** What a create or a merged update stores (the shared create schema's output). */
export type TSessionPolicyData = Readonly<{
  name: string;
  description: string;
  enabled: boolean;
  priority: number;
  controlType: string;
  filters: object;
  action: object;
  notifyUser: boolean;
  alert: object | null;
}>;

/** Session policy names are unique (session_policies.name): a taken name is a 409 on the name field. */
const nameTaken = () => new ConflictError("Another session policy already has this name", "name");

const columnsOf = (data: TSessionPolicyData) => ({
  name: data.name,
  description: data.description,
  enabled: data.enabled,
  priority: data.priority,
  control_type: data.controlType,
  // jsonb parameters as JSON text: pg would send a JS array as a PostgreSQL array.
  filters: JSON.stringify(data.filters),
  action: JSON.stringify(data.action),
  notify_user: data.notifyUser,
  alert: data.alert === null ? null : JSON.stringify(data.alert),
});

const readable = (row: TSessionPolicyRow | undefined): TSessionPolicy | null => (row ? toSessionPolicy(row) : null);

/** Every policy that parses, enabled or not, in evaluation order (the portal's list). */
export const listSessionPolicies = async (sqlDb: Sql = getSql()): Promise<TSessionPolicy[]> => {
  const rows = await sqlDb.selectFrom("session_policies").select(SESSION_POLICY_COLUMNS).execute();
  return rows.map(toSessionPolicy).filter((p): p is TSessionPolicy => p !== null).sort(compareSessionPolicies);
};

export const findSessionPolicy = async (id: string, sqlDb: Sql = getSql()): Promise<TSessionPolicy | null> =>
  readable(await sqlDb.selectFrom("session_policies").select(SESSION_POLICY_COLUMNS).where("id", "=", id).executeTakeFirst());

export const insertSessionPolicy = (data: TSessionPolicyData & { createdById: string | null }, sqlDb: Sql = getSql()): Promise<TSessionPolicy | null> =>
  withConflict(
    async () =>
      readable(
        await sqlDb
          .insertInto("session_policies")
          .values({ id: randomUUID(), ...columnsOf(data), created_by_id: data.createdById, updated_at: new Date() })
          .returning(SESSION_POLICY_COLUMNS)
          .executeTakeFirst(),
      ),
    nameTaken,
  );

/** Replaces every field (the service merged and validated them); null when the policy is gone. */
export const updateSessionPolicy = (id: string, data: TSessionPolicyData, sqlDb: Sql = getSql()): Promise<TSessionPolicy | null> =>
  withConflict(
    async () =>
      readable(
        await sqlDb
          .updateTable("session_policies")
          .set({ ...columnsOf(data), updated_at: new Date() })
          .where("id", "=", id)
          .returning(SESSION_POLICY_COLUMNS)
          .executeTakeFirst(),
      ),
    nameTaken,
  );

export const deleteSessionPolicy = async (id: string, sqlDb: Sql = getSql()): Promise<boolean> =>
  Number((await sqlDb.deleteFrom("session_policies").where("id", "=", id).executeTakeFirst()).numDeletedRows) > 0;

/** Names of the given policies (the activity detail's "policies"); a deleted policy is simply absent. */
export const findSessionPolicyNames = async (ids: readonly string[], sqlDb: Sql = getSql()): Promise<{ id: string; name: string }[]> =>
  ids.length === 0 ? [] : sqlDb.selectFrom("session_policies").select(["id", "name"]).where("id", "in", [...ids]).execute();
