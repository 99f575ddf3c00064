import { insertMissingBuiltinPolicies } from "../../repositories/policy-repository";

/** Inserts the seven built-in policy rows that do not exist yet (enabled, medium sensitivity); idempotent. */
export const ensureBuiltinPolicies = async (): Promise<{ inserted: number }> => ({ inserted: await insertMissingBuiltinPolicies() });
