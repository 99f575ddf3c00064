import { AppError } from "../../../shared/errors";
import {
  ZCreateSessionPolicyInput,
  type TCreateSessionPolicyInput,
  type TSessionPolicy,
  type TUpdateSessionPolicyInput,
} from "../../../shared/schemas/session-policies";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { deleteSessionPolicy, insertSessionPolicy, updateSessionPolicy } from "../../repositories/session-policy-repository";
import type { Principal } from "../principal";
import { getSessionPolicyOrThrow } from "./get-session-policies";

type Actor = Pick<Principal, "userId" | "email" | "ip">;
type TAuditDetails = Record<string, string | number | boolean | null>;

const audit = (actor: Actor, action: "session_policy.created" | "session_policy.updated" | "session_policy.deleted", policy: TSessionPolicy, details: TAuditDetails = {}) =>
  appendAuditEvent({ action, actorId: actor.userId, actorEmail: actor.email, targetType: "session_policy", targetId: policy.id, targetName: policy.name, ip: actor.ip, details });

const summaryOf = (p: TSessionPolicy): TAuditDetails => ({ controlType: p.controlType, action: p.action.kind, enabled: p.enabled, priority: p.priority });

/** A row that was just written but no longer parses can only be a bug: never answer it as if it were saved. */
const written = (policy: TSessionPolicy | null): TSessionPolicy => {
  if (!policy) throw new Error("a session policy was written that does not read back");
  return policy;
};

/** Creates a session policy; the proxy applies it within seconds (its refresh loop). */
export const createSessionPolicy = async (options: Readonly<{ actor: Actor; input: TCreateSessionPolicyInput }>): Promise<TSessionPolicy> => {
  const { actor, input } = options;
  const policy = written(await insertSessionPolicy({ ...input, createdById: actor.userId }));
  await audit(actor, "session_policy.created", policy, summaryOf(policy));
  return policy;
};

const fieldsOf = (p: TSessionPolicy): Omit<TSessionPolicy, "id" | "createdAt" | "updatedAt"> => ({
  name: p.name,
  description: p.description,
  enabled: p.enabled,
  priority: p.priority,
  controlType: p.controlType,
  filters: p.filters,
  action: p.action,
  notifyUser: p.notifyUser,
  alert: p.alert,
});

/**
 * PATCH: the stored policy with the given fields replaced, checked whole with the create schema (a control type
 * changed to monitor must not leave a Block action behind); a 400 names the field of the merged result.
 */
export const updateSessionPolicyForActor = async (options: Readonly<{ actor: Actor; id: string; input: TUpdateSessionPolicyInput }>): Promise<TSessionPolicy> => {
  const { actor, id, input } = options;
  const current = await getSessionPolicyOrThrow(id);
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const merged = ZCreateSessionPolicyInput.safeParse({ ...fieldsOf(current), ...defined });
  if (!merged.success) {
    const params = merged.error.issues.map((i) => ({ name: i.path.join(".") || "(root)", reason: i.message }));
    throw new AppError("validation_failed", `Invalid body: ${params.map((p) => `${p.name}: ${p.reason}`).join("; ")}`, params);
  }
  const updated = await updateSessionPolicy(id, merged.data);
  if (!updated) throw new AppError("not_found", "Session policy not found");
  const changed = Object.fromEntries(Object.entries(defined).map(([k, v]): [string, string | number | boolean | null] => [k, typeof v === "object" && v !== null ? JSON.stringify(v) : (v as string | number | boolean | null)]));
  await audit(actor, "session_policy.updated", updated, changed);
  return updated;
};

export const deleteSessionPolicyForActor = async (options: Readonly<{ actor: Actor; id: string }>): Promise<void> => {
  const policy = await getSessionPolicyOrThrow(options.id);
  if (!(await deleteSessionPolicy(policy.id))) throw new AppError("not_found", "Session policy not found");
  await audit(options.actor, "session_policy.deleted", policy, summaryOf(policy));
};
