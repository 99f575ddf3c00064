import type { TTokenDto } from "../../../shared/schemas/tokens";
import { listApiTokens } from "../../repositories/api-token-repository";
import { toTokenDto } from "./token-dto";

export const listTokens = async (): Promise<TTokenDto[]> => (await listApiTokens()).map(toTokenDto);
