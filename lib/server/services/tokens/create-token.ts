import type { TCreatedTokenDto, TCreateTokenInput } from "../../../shared/schemas/tokens";
import { generateApiToken } from "../../crypto/api-token";
import { createApiToken } from "../../repositories/api-token-repository";
import { appendAuditEvent } from "../../repositories/audit-repository";
import type { Principal } from "../principal";
import { toTokenDto } from "./token-dto";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a personal API token for the actor; the clear token is returned once and never stored. With
 * `expiresInDays` it is refused from that many days on, like a revoked one.
 */
export const createToken = async (
  options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "ip">; input: TCreateTokenInput; now?: Date }>,
): Promise<TCreatedTokenDto> => {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  const { token, prefix, tokenHash } = generateApiToken();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null;
  const record = await createApiToken({ userId: actor.userId, name: input.name, prefix, tokenHash, expiresAt });
  await appendAuditEvent({
    action: "token.created",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "api_token",
    targetId: record.id,
    targetName: input.name,
    ip: actor.ip,
    details: { expiresAt: expiresAt?.toISOString() ?? null },
  });
  return { ...toTokenDto(record), token };
};
