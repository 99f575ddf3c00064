import { AppError } from "../../../shared/errors";
import { BUILTIN_POLICY_KEYS, type TPolicyDto } from "../../../shared/schemas/policies";
import { findPolicy, listPolicies, type PolicyRecord } from "../../repositories/policy-repository";
import { ensureBuiltinPolicyRows } from "./ensure-builtin-rows";
import { toPolicyDto } from "./policy-dto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Built-in and custom policies; the built-in rows are created on first use. */
export const listPolicyDtos = async (): Promise<TPolicyDto[]> => {
  await ensureBuiltinPolicyRows();
  return (await listPolicies()).map(toPolicyDto);
};

/** A policy by its id, its built-in key (impossible_travel) or its custom key (custom:<id>). */
export const getPolicyRecordOrThrow = async (idOrKey: string): Promise<PolicyRecord> => {
  await ensureBuiltinPolicyRows();
  const id = idOrKey.startsWith("custom:") ? idOrKey.slice("custom:".length) : idOrKey;
  const record = UUID.test(id)
    ? await findPolicy({ id })
    : (BUILTIN_POLICY_KEYS as readonly string[]).includes(id)
      ? await findPolicy({ builtinKey: id })
      : null;
  if (!record) throw new AppError("not_found", "Policy not found");
  return record;
};

export const getPolicyDtoOrThrow = async (idOrKey: string): Promise<TPolicyDto> => toPolicyDto(await getPolicyRecordOrThrow(idOrKey));
