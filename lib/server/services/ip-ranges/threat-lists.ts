import { loadBuiltinThreatLists } from "../../../enrichment/builtin-threat-lists";
import { AppError } from "../../../shared/errors";
import { THREAT_TAGS, type TThreatListDto, type TThreatListUpload } from "../../../shared/schemas/ip-ranges";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { deleteThreatList, listThreatListSummaries, upsertThreatList } from "../../repositories/threat-list-repository";
import type { Principal } from "../principal";
import { invalidateEnrichmentContext } from "./load-enrichment-context";

type Actor = Pick<Principal, "userId" | "email" | "ip">;

/** One row per threat tag: the uploaded list when there is one, else the built-in file, else empty. */
export const listThreatLists = async (): Promise<TThreatListDto[]> => {
  const uploaded = new Map((await listThreatListSummaries()).map((l) => [l.tag, l]));
  const builtin = new Map(loadBuiltinThreatLists().map((l) => [l.tag, l]));
  return THREAT_TAGS.map((tag): TThreatListDto => {
    const up = uploaded.get(tag);
    if (up) return { tag, origin: "uploaded", source: up.source, listDate: up.listDate?.toISOString().slice(0, 10) ?? null, entryCount: up.entryCount, uploadedAt: up.uploadedAt.toISOString() };
    const file = builtin.get(tag);
    return { tag, origin: "builtin", source: file?.source ?? "No built-in list", listDate: file?.date ?? null, entryCount: file?.cidrs.length ?? 0, uploadedAt: null };
  });
};

/** Replaces the built-in list of a tag with an uploaded one (effective in the worker within seconds). */
export const uploadThreatList = async (options: Readonly<{ actor: Actor; tag: string; input: TThreatListUpload }>): Promise<TThreatListDto[]> => {
  const { actor, tag, input } = options;
  const cidrs = [...new Set(input.cidrs)];
  await upsertThreatList({ tag, source: input.source, listDate: input.listDate ? new Date(`${input.listDate}T00:00:00Z`) : null, cidrs, uploadedById: actor.userId });
  invalidateEnrichmentContext();
  await appendAuditEvent({ action: "threat_list.uploaded", actorId: actor.userId, actorEmail: actor.email, targetType: "threat_list", targetId: tag, targetName: tag, ip: actor.ip, details: { entries: cidrs.length, source: input.source } });
  return listThreatLists();
};

/** Drops an uploaded list: the built-in one of that tag applies again. */
export const removeThreatList = async (options: Readonly<{ actor: Actor; tag: string }>): Promise<TThreatListDto[]> => {
  const { actor, tag } = options;
  if (!(await deleteThreatList(tag))) throw new AppError("not_found", `No uploaded list for the tag ${tag}`);
  invalidateEnrichmentContext();
  await appendAuditEvent({ action: "threat_list.removed", actorId: actor.userId, actorEmail: actor.email, targetType: "threat_list", targetId: tag, targetName: tag, ip: actor.ip });
  return listThreatLists();
};
