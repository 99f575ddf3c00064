import { AppError } from "../../../shared/errors";
import { SecretBoxError } from "../../crypto/secret-box";
import type { TConnectorDto } from "../../../shared/schemas/connectors";
import { appendConnectorEvent, findConnectorSecret, updateConnector } from "../../repositories/connector-repository";
import type { Principal } from "../principal";
import { auditConnector } from "./audit-connector";
import { openApiKey, UNREADABLE_API_KEY } from "./connector-secret";
import { getConnectorOrThrow } from "./get-connectors";
import { probeConnection } from "./verify-connection";

/**
 * Probes the stored key's scopes again ("Re-check scopes") and stores what it lacks, so features turn on or off
 * without a rotation. Unlike connecting, a missing required scope is recorded, not refused: the key is in use.
 */
export const checkConnectorScopes = async (options: Readonly<{ actor: Principal; id: string; now?: Date }>): Promise<TConnectorDto> => {
  const now = options.now ?? new Date();
  const record = await findConnectorSecret(options.id);
  if (!record) throw new AppError("not_found", "Connector not found");
  let apiKey: string;
  try {
    apiKey = openApiKey(record);
  } catch (error) {
    if (error instanceof SecretBoxError) throw new AppError("conflict", UNREADABLE_API_KEY);
    throw error;
  }
  const { missingScopes } = await probeConnection({ baseUrl: record.baseUrl, orgId: record.orgId, apiKey });
  await updateConnector(options.id, { missingScopes, scopesCheckedAt: now });
  const detail = missingScopes.length === 0 ? "The key has every scope Watchpost uses" : `Missing scopes: ${missingScopes.join(", ")}`;
  await appendConnectorEvent({ connectorId: options.id, kind: "scopes_checked", detail, actorEmail: options.actor.email });
  await auditConnector(options.actor, "connector.scopes_checked", record, { orgId: record.orgId, missingScopes: missingScopes.join(" ") || null });
  return getConnectorOrThrow(options.id, now);
};
