import { randomUUID } from "node:crypto";
import { AppError } from "../../../shared/errors";
import { DEFAULT_ATLASSIAN_BASE_URL, MAX_KEY_LIFETIME_DAYS, type TConnectorDto, type TCreateConnectorData } from "../../../shared/schemas/connectors";
import { appendConnectorEvent, findConnectorByName, findConnectorByOrg, insertConnector } from "../../repositories/connector-repository";
import type { Principal } from "../principal";
import { auditConnector } from "./audit-connector";
import { sealApiKey } from "./connector-secret";
import { getConnectorOrThrow } from "./get-connectors";
import { verifyConnection } from "./verify-connection";

const DAY_MS = 86_400_000;

/** Default expiry: one year from today, Atlassian's maximum for admin API keys. */
export const defaultKeyExpiry = (now: Date): Date => new Date(now.getTime() + (MAX_KEY_LIFETIME_DAYS - 1) * DAY_MS);

/**
 * Connects an Atlassian organization: checks name and org are new, verifies the key against the API
 * before saving anything, stores the key encrypted, and leaves the sync worker to take it from there.
 */
export const createConnector = async (options: Readonly<{ actor: Principal; input: TCreateConnectorData; now?: Date }>): Promise<TConnectorDto> => {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  const baseUrl = input.baseUrl ?? DEFAULT_ATLASSIAN_BASE_URL;
  if (await findConnectorByName(input.name)) {
    throw new AppError("conflict", `A connector named "${input.name}" already exists`, [{ name: "name", reason: "already in use" }]);
  }
  const existing = await findConnectorByOrg(baseUrl, input.orgId);
  if (existing) {
    throw new AppError("conflict", `This organization is already connected as "${existing.name}"`, [{ name: "orgId", reason: "already connected" }]);
  }
  const { missingScopes } = await verifyConnection({ baseUrl, orgId: input.orgId, apiKey: input.apiKey });
  // The id is made here, not by the database: the key's ciphertext is bound to it.
  const id = randomUUID();
  const record = await insertConnector({
    id,
    name: input.name,
    orgId: input.orgId,
    baseUrl,
    ...sealApiKey(id, input.apiKey),
    apiKeyExpiresAt: input.apiKeyExpiresAt ?? defaultKeyExpiry(now),
    backfillDays: input.backfillDays,
    syncFrom: new Date(now.getTime() - input.backfillDays * DAY_MS),
    createdById: actor.userId,
    missingScopes,
    scopesCheckedAt: now,
  });
  await appendConnectorEvent({ connectorId: record.id, kind: "created", status: "connecting", detail: `Connected by ${actor.email}`, actorEmail: actor.email });
  await auditConnector(actor, "connector.created", record, { orgId: input.orgId, baseUrl, backfillDays: input.backfillDays, apiKeyLast4: record.apiKeyLast4, missingScopes: missingScopes.join(" ") || null });
  return getConnectorOrThrow(record.id, now);
};
