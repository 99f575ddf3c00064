import { findCountry } from "../../../geo/countries";
import { AppError } from "../../../shared/errors";
import type { TCreateIpRangeInput, TIpRangeDto, TRangeLocation, TUpdateIpRangeInput } from "../../../shared/schemas/ip-ranges";
import { appendAuditEvent } from "../../repositories/audit-repository";
import {
  createIpRange,
  deleteIpRange,
  findIpRange,
  IpRangeOverlapError,
  updateIpRange,
  type IpRangeData,
} from "../../repositories/ip-range-repository";
import type { Principal } from "../principal";
import { toIpRangeDto } from "./ip-range-dto";
import { invalidateEnrichmentContext } from "./load-enrichment-context";

type Actor = Pick<Principal, "userId" | "email" | "ip">;

const checkCountry = (location: TRangeLocation | null | undefined) => {
  if (location && !findCountry(location.countryCode)) {
    throw new AppError("validation_failed", `Unknown country code "${location.countryCode}"`, [{ name: "location.countryCode", reason: `Unknown country code "${location.countryCode}"` }]);
  }
};

/** An overlap is a 400 on the cidrs field; a taken name is the repository's 409 (ConflictError). */
const overlapRefused = async <T>(write: () => Promise<T>): Promise<T> => {
  try {
    return await write();
  } catch (error) {
    if (error instanceof IpRangeOverlapError) throw new AppError("validation_failed", error.message, [{ name: "cidrs", reason: error.message }]);
    throw error;
  }
};

const audit = (
  actor: Actor,
  action: "ip_range.created" | "ip_range.updated" | "ip_range.deleted",
  range: { id: string; name: string; cidrs: string[]; category: string },
  extra: Readonly<Record<string, string>> = {},
) =>
  appendAuditEvent({
    action,
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "ip_range",
    targetId: range.id,
    targetName: range.name,
    ip: actor.ip,
    details: { category: range.category, cidrs: range.cidrs.slice(0, 20).join(", "), ...extra },
  });

/** Creates a named IP range (CIDRs canonical, no overlap with other ranges); `auditDetails` adds to its audit event. */
export const createIpRangeForActor = async (
  options: Readonly<{ actor: Actor; input: TCreateIpRangeInput; auditDetails?: Readonly<Record<string, string>> }>,
): Promise<TIpRangeDto> => {
  const { actor, input } = options;
  checkCountry(input.location);
  const data: IpRangeData = { ...input, location: input.location ?? null, expiresAt: input.expiresAt ? new Date(input.expiresAt) : null };
  const record = await overlapRefused(() => createIpRange({ ...data, createdById: actor.userId }));
  invalidateEnrichmentContext();
  await audit(actor, "ip_range.created", record, options.auditDetails);
  return toIpRangeDto(record);
};

export const updateIpRangeForActor = async (options: Readonly<{ actor: Actor; id: string; input: TUpdateIpRangeInput }>): Promise<TIpRangeDto> => {
  const { actor, id, input } = options;
  if (!(await findIpRange(id))) throw new AppError("not_found", "IP range not found");
  checkCountry(input.location);
  const { expiresAt, ...rest } = input;
  const data: Partial<IpRangeData> = { ...rest, ...(expiresAt !== undefined ? { expiresAt: expiresAt ? new Date(expiresAt) : null } : {}) };
  const record = await overlapRefused(() => updateIpRange(id, data));
  invalidateEnrichmentContext();
  await audit(actor, "ip_range.updated", record);
  return toIpRangeDto(record);
};

export const deleteIpRangeForActor = async (options: Readonly<{ actor: Actor; id: string }>): Promise<void> => {
  const range = await findIpRange(options.id);
  if (!range || !(await deleteIpRange(options.id))) throw new AppError("not_found", "IP range not found");
  invalidateEnrichmentContext();
  await audit(options.actor, "ip_range.deleted", range);
};
