import { insertMissingBuiltinPolicies } from "../../repositories/policy-repository";

let done: Promise<void> | null = null;

/** Inserts the missing built-in policy rows once per process (never changes tuned rows). */
export const ensureBuiltinPolicyRows = (): Promise<void> => {
  done ??= insertMissingBuiltinPolicies().then(
    () => undefined,
    (error: unknown) => {
      done = null;
      throw error;
    },
  );
  return done;
};

/** Tests reset the database between cases: forget that the rows exist. */
export const forgetBuiltinPolicyRows = (): void => {
  done = null;
};
