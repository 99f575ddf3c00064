import { hasRole } from "../../../shared/roles";
import type { TTokenDto } from "../../../shared/schemas/tokens";
import { listApiTokens } from "../../repositories/api-token-repository";
import type { Principal } from "../principal";
import { toTokenDto } from "./token-dto";

/** Admins see every token; others see their own. */
export const listTokens = async (options: Readonly<{ viewer: Principal }>): Promise<TTokenDto[]> => {
  const { viewer } = options;
  const rows = await listApiTokens(hasRole(viewer.role, "admin") ? undefined : viewer.userId);
  return rows.map(toTokenDto);
};
