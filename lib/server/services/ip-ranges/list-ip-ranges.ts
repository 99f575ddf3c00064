import type { TIpRangeDto } from "../../../shared/schemas/ip-ranges";
import { listIpRanges } from "../../repositories/ip-range-repository";
import { toIpRangeDto } from "./ip-range-dto";

/** Every named IP range, by name. */
export const listIpRangeDtos = async (): Promise<TIpRangeDto[]> => (await listIpRanges()).map(toIpRangeDto);
