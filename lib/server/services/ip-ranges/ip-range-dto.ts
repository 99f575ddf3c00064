import type { TIpRangeDto, TRangeLocation } from "../../../shared/schemas/ip-ranges";
import type { IpRangeRecord } from "../../repositories/ip-range-repository";

export const toIpRangeDto = (r: IpRangeRecord): TIpRangeDto => ({
  id: r.id,
  name: r.name,
  cidrs: r.cidrs,
  category: r.category,
  tags: r.tags,
  location: (r.location as TRangeLocation | null) ?? null,
  expiresAt: r.expiresAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
