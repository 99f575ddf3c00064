import type { TCreatedTokenDto, TCreateTokenInput } from "../../../shared/schemas/tokens";
import { generateApiToken } from "../../crypto/api-token";
import { createApiToken } from "../../repositories/api-token-repository";
import { appendAuditEvent } from "../../repositories/audit-repository";
import type { Principal } from "../principal";
import { toTokenDto } from "./token-dto";

/** Creates a personal API token for the actor; the clear token is returned once and never stored. */
export const createToken = async (options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "ip">; input: TCreateTokenInput }>): Promise<TCreatedTokenDto> => {
  const { actor, input } = options;
  const { token, prefix, tokenHash } = generateApiToken();
  const record = await createApiToken({ userId: actor.userId, name: input.name, prefix, tokenHash });
  await appendAuditEvent({
    action: "token.created",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "api_token",
    targetId: record.id,
    targetName: input.name,
    ip: actor.ip,
  });
  return { ...toTokenDto(record), token };
};
