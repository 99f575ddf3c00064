import { createAtlassianClient, isAtlassianApiError, type TAtlassianClient } from "../../../atlassian";
import { governanceBlockReason } from "../../../shared/atlassian-scopes";
import { NO_SESSIONS_API_NOTE } from "../../../governance/confirmation";
import { SecretBoxError } from "../../crypto/secret-box";
import { setConnectorUserStatus } from "../../repositories/atlassian-user-repository";
import { findConnectorForGovernance } from "../../repositories/connector-repository";
import { openApiKey, UNREADABLE_API_KEY } from "../connectors/connector-secret";
import { API_TIMEOUT_MS } from "../connectors/verify-connection";
import { createRateGate } from "../sync/rate-gate";

/** A failure no retry can fix (the key expired or cannot be decrypted); the action fails at once. */
export class PermanentGovernanceError extends Error {
  override name = "PermanentGovernanceError";
  readonly retryable = false;
}

/** The shared per-key request budget (with the sync) did not grant a request in time: try again later. */
class RateBudgetWait extends Error {
  override name = "RateBudgetWait";
}

const RATE_WAIT_MS = 30_000;

export type AtlassianSession = Readonly<{
  client: TAtlassianClient;
  orgId: string;
  /** Waits for the API key's shared budget of governance calls (live priority) before each request; 429s and headers feed it. */
  acquire: () => Promise<void>;
}>;

/** A client of the connector's org, going through the same rate bucket as its sync. */
export const openAtlassianSession = async (connectorId: string, perMinute?: number, action?: string): Promise<AtlassianSession> => {
  const connector = await findConnectorForGovernance(connectorId);
  if (!connector) throw new PermanentGovernanceError("The connector was deleted");
  // Actions queued by a policy, or before a key with fewer scopes was rotated in: fail without a request.
  const blocked = action ? governanceBlockReason(action, connector.missingScopes) : null;
  if (blocked) throw new PermanentGovernanceError(blocked);
  if (connector.apiKeyExpiresAt.getTime() <= Date.now()) throw new PermanentGovernanceError("The connector's API key has expired: renew the API key");
  let apiKey: string;
  try {
    apiKey = openApiKey(connector);
  } catch (error) {
    if (error instanceof SecretBoxError) throw new PermanentGovernanceError(UNREADABLE_API_KEY);
    throw error;
  }
  const gate = createRateGate({ bucketKey: connector.rateBucketKey, perMinute });
  return {
    client: createAtlassianClient({ baseUrl: connector.baseUrl, apiKey, timeoutMs: API_TIMEOUT_MS, onResponse: gate.observe }),
    orgId: connector.orgId,
    acquire: async () => {
      if (!(await gate.acquire("governance", "live", Date.now() + RATE_WAIT_MS))) throw new RateBudgetWait("The request budget of this API key is used up for now (shared with the sync)");
    },
  };
};

type Target = Readonly<{ connectorId: string; accountId: string }>;

/** suspend-access; the synced directory shows the user suspended at once. */
export const suspendUser = async (session: AtlassianSession, target: Target): Promise<Record<string, unknown>> => {
  await session.acquire();
  const { message } = await session.client.suspendAccess(session.orgId, target.accountId);
  await setConnectorUserStatus(target.connectorId, target.accountId, "suspended");
  return { message };
};

/** restore-access; the synced directory shows the user active at once. */
export const unsuspendUser = async (session: AtlassianSession, target: Target): Promise<Record<string, unknown>> => {
  await session.acquire();
  const { message } = await session.client.restoreAccess(session.orgId, target.accountId);
  await setConnectorUserStatus(target.connectorId, target.accountId, "active");
  return { message };
};

/**
 * Revokes every API token of the user, one DELETE each. A token already gone (404) counts as revoked, so a
 * retry after a partial run finishes the job. `revoked` collects ids across attempts.
 */
export const revokeApiTokens = async (session: AtlassianSession, target: Target, revoked: string[]): Promise<Record<string, unknown>> => {
  await session.acquire();
  const tokens = await session.client.listUserApiTokens(target.accountId);
  for (const token of tokens) {
    await session.acquire();
    try {
      await session.client.deleteUserApiToken(target.accountId, token.id);
    } catch (error) {
      if (!(isAtlassianApiError(error) && error.kind === "not_found")) throw error;
    }
    revoked.push(token.id);
  }
  const note = revoked.length > 0 ? NO_SESSIONS_API_NOTE : "Atlassian has no public API to end browser sessions; the user had no API tokens to revoke";
  return { revokedTokenIds: revoked, note };
};
