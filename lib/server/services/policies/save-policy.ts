import { AppError } from "../../../shared/errors";
import type { TCreatePolicyInput, TPolicyDto, TUpdatePolicyInput } from "../../../shared/schemas/policies";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { createCustomPolicy, deleteCustomPolicy, updatePolicy } from "../../repositories/policy-repository";
import type { Principal } from "../principal";
import { getPolicyRecordOrThrow } from "./get-policies";
import { toPolicyDto } from "./policy-dto";

type Actor = Pick<Principal, "userId" | "email" | "ip">;

const BUILTIN_FIELDS = new Set(["enabled", "sensitivity", "severity", "scope", "actions"]);

const audit = (actor: Actor, action: "policy.created" | "policy.updated" | "policy.deleted", policy: TPolicyDto, details: Record<string, string | boolean | null> = {}) =>
  appendAuditEvent({ action, actorId: actor.userId, actorEmail: actor.email, targetType: "policy", targetId: policy.key, targetName: policy.name, ip: actor.ip, details });

/** Creates a custom activity policy; it alerts only on activities stored from now on. */
export const createPolicy = async (options: Readonly<{ actor: Actor; input: TCreatePolicyInput }>): Promise<TPolicyDto> => {
  const { actor, input } = options;
  const record = await createCustomPolicy({ ...input, sensitivity: "medium", createdById: actor.userId });
  const dto = toPolicyDto(record);
  await audit(actor, "policy.created", dto, { enabled: dto.enabled, severity: dto.severity });
  return dto;
};

/** Built-ins accept enabled, sensitivity, severity, scope and actions only; custom policies any field. */
export const updatePolicyForActor = async (options: Readonly<{ actor: Actor; idOrKey: string; input: TUpdatePolicyInput }>): Promise<TPolicyDto> => {
  const { actor, idOrKey, input } = options;
  const record = await getPolicyRecordOrThrow(idOrKey);
  if (record.builtinKey) {
    const refused = Object.keys(input).filter((k) => !BUILTIN_FIELDS.has(k));
    if (refused.length > 0) {
      const reason = "Built-in policies accept only enabled, sensitivity, severity, scope and actions";
      throw new AppError("validation_failed", `${reason} (not ${refused.join(", ")})`, refused.map((name) => ({ name, reason })));
    }
  }
  const updated = toPolicyDto(await updatePolicy(record.id, input));
  const changed = Object.fromEntries(Object.entries(input).map(([k, v]): [string, string | boolean | null] => [k, typeof v === "object" ? JSON.stringify(v) : (v ?? null)]));
  await audit(actor, "policy.updated", updated, changed);
  return updated;
};

export const deletePolicyForActor = async (options: Readonly<{ actor: Actor; idOrKey: string }>): Promise<void> => {
  const record = await getPolicyRecordOrThrow(options.idOrKey);
  if (record.builtinKey) throw new AppError("bad_request", "Built-in policies cannot be deleted; disable them instead");
  if (!(await deleteCustomPolicy(record.id))) throw new AppError("not_found", "Policy not found");
  await audit(options.actor, "policy.deleted", toPolicyDto(record));
};
