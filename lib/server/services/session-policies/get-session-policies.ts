import { AppError } from "../../../shared/errors";
import { SESSION_POLICY_TEMPLATES, type TSessionPolicy } from "../../../shared/schemas/session-policies";
import { findSessionPolicy, listSessionPolicies } from "../../repositories/session-policy-repository";

/** Every session policy, in the order the proxy evaluates them. */
export const listSessionPolicyDtos = (): Promise<TSessionPolicy[]> => listSessionPolicies();

export const getSessionPolicyOrThrow = async (id: string): Promise<TSessionPolicy> => {
  const policy = await findSessionPolicy(id);
  if (!policy) throw new AppError("not_found", "Session policy not found");
  return policy;
};

/** Defender's common session policies, each a ready body for POST /api/v1/session-policies. */
export const listSessionPolicyTemplates = () => ({ data: SESSION_POLICY_TEMPLATES.map((t) => ({ ...t, policy: { ...t.policy } })) });
