import { randomUUID } from "node:crypto";
import { insertConnector } from "../server/repositories/connector-repository";
import { sealApiKey } from "../server/services/connectors/connector-secret";

/** A connector row straight into the database (no Atlassian behind it): for tests of what hangs off a connector. */
export const makeConnectorRow = async (overrides: Readonly<{ name?: string; baseUrl?: string; missingScopes?: string[] }> = {}) => {
  const id = randomUUID();
  const now = new Date();
  return insertConnector({
    id,
    name: overrides.name ?? `Org ${id.slice(0, 8)}`,
    orgId: randomUUID(),
    baseUrl: overrides.baseUrl ?? "http://127.0.0.1:9",
    ...sealApiKey(id, `test-key-${id}`),
    apiKeyExpiresAt: new Date(now.getTime() + 86_400_000 * 300),
    backfillDays: 0,
    syncFrom: now,
    createdById: null,
    missingScopes: overrides.missingScopes ?? [],
    scopesCheckedAt: now,
  });
};
