// Session policies (issue 22): the proxy reads the enabled ones on its refresh loop; the portal writes them.
import {
  compareSessionPolicies,
  ZSessionControlType,
  ZSessionPolicyAction,
  ZSessionPolicyAlert,
  ZSessionPolicyFilters,
  type TSessionPolicy,
} from "../../shared/schemas/session-policies";
import { getSql, type Sql } from "../db";

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
