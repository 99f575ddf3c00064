import { AppError } from "../../../shared/errors";
import type { TLegalHoldDto, TLegalHoldInput } from "../../../shared/schemas/retention";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { findConnectorName } from "../../repositories/connector-repository";
import { findAtlassianAccount, insertLegalHold, listLegalHolds, releaseLegalHold } from "../../repositories/retention-repository";
import type { Principal } from "../principal";
import { toLegalHoldDto } from "./retention-dto";

type Actor = Pick<Principal, "userId" | "email" | "ip">;

const holdDto = async (id: string): Promise<TLegalHoldDto> => {
  const row = (await listLegalHolds()).find((h) => h.id === id);
  if (!row) throw new AppError("not_found", "Unknown legal hold");
  return toLegalHoldDto(row);
};

/** Holds a whole connector, or one account of it that the synced directory knows (by account id or email). */
export const createLegalHold = async (options: Readonly<{ actor: Actor; input: TLegalHoldInput & { user?: string } }>): Promise<TLegalHoldDto> => {
  const { actor, input } = options;
  const connectorName = await findConnectorName(input.connectorId);
  if (connectorName === null) throw new AppError("validation_failed", "Unknown connector", [{ name: "connectorId", reason: "Unknown connector" }]);
  const account = input.user ? await findAtlassianAccount(input.connectorId, input.user) : null;
  if (input.user && !account) {
    const reason = `No user "${input.user}" in ${connectorName}'s directory`;
    throw new AppError("validation_failed", reason, [{ name: "user", reason }]);
  }
  const { id } = await insertLegalHold({ connectorId: input.connectorId, userAccountId: account?.account_id ?? null, reason: input.reason, createdById: actor.userId, createdByEmail: actor.email });
  await appendAuditEvent({
    action: "legal_hold.created",
    actorId: actor.userId,
    actorEmail: actor.email,
    ip: actor.ip,
    targetType: "legal_hold",
    targetId: id,
    targetName: account ? `${account.email ?? account.account_id} (${connectorName})` : connectorName,
    details: { connectorId: input.connectorId, accountId: account?.account_id ?? null, reason: input.reason },
  });
  return holdDto(id);
};

export const releaseLegalHoldForActor = async (options: Readonly<{ actor: Actor; id: string }>): Promise<TLegalHoldDto> => {
  const { actor, id } = options;
  const released = await releaseLegalHold(id, { id: actor.userId, email: actor.email });
  if (!released) throw new AppError("not_found", "No active legal hold with this id");
  const dto = await holdDto(id);
  await appendAuditEvent({
    action: "legal_hold.released",
    actorId: actor.userId,
    actorEmail: actor.email,
    ip: actor.ip,
    targetType: "legal_hold",
    targetId: id,
    targetName: dto.userLabel ? `${dto.userLabel} (${dto.connectorName})` : dto.connectorName,
    details: { connectorId: dto.connectorId, accountId: dto.userAccountId },
  });
  return dto;
};
