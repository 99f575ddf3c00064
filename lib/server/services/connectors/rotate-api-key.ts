import { AppError } from "../../../shared/errors";
import type { TConnectorDto } from "../../../shared/schemas/connectors";
import { appendConnectorEvent, findConnectorRecord, updateConnector } from "../../repositories/connector-repository";
import type { Principal } from "../principal";
import { auditConnector } from "./audit-connector";
import { sealApiKey } from "./connector-secret";
import { defaultKeyExpiry } from "./create-connector";
import { getConnectorOrThrow } from "./get-connectors";
import { verifyConnection } from "./verify-connection";

/**
 * Verifies the new key first, then swaps it in one update. The cursor is untouched, so syncing continues
 * where it was: no gap, no duplicates. A connector in Error (bad key) resumes.
 */
export const rotateApiKey = async (
  options: Readonly<{ actor: Principal; id: string; apiKey: string; apiKeyExpiresAt?: Date; now?: Date }>,
): Promise<TConnectorDto> => {
  const now = options.now ?? new Date();
  const record = await findConnectorRecord(options.id);
  if (!record) throw new AppError("not_found", "Connector not found");
  // The new key may carry other scopes than the old one: what it lacks is probed again and replaces the old list.
  const { missingScopes } = await verifyConnection({ baseUrl: record.baseUrl, orgId: record.orgId, apiKey: options.apiKey });
  const status = record.status === "disabled" ? "disabled" : record.initialSyncDoneAt ? "connected" : "syncing";
  await updateConnector(options.id, {
    ...sealApiKey(record.id, options.apiKey),
    apiKeyExpiresAt: options.apiKeyExpiresAt ?? defaultKeyExpiry(now),
    apiKeySetAt: now,
    missingScopes,
    scopesCheckedAt: now,
    status,
    statusDetail: null,
    nextRetryAt: null,
    failureCount: 0,
  });
  await appendConnectorEvent({ connectorId: options.id, kind: "api_key_rotated", status, detail: `New key ending in ${options.apiKey.trim().slice(-4)}`, actorEmail: options.actor.email });
  await auditConnector(options.actor, "connector.api_key_rotated", record, { orgId: record.orgId, previousKeyLast4: record.apiKeyLast4, apiKeyLast4: options.apiKey.trim().slice(-4), missingScopes: missingScopes.join(" ") || null });
  return getConnectorOrThrow(options.id, now);
};
