import { randomUUID } from "node:crypto";
import type { TRole } from "../shared/roles";
import { hashPassword } from "../server/crypto/password";
import type { NewConnector } from "../server/repositories/connector-repository";
import { createUser } from "../server/repositories/user-repository";
import type { Principal } from "../server/services/principal";

export const TEST_PASSWORD = "correct-horse-battery";

/** A user with a unique email, straight into the database; returns it as a Principal too. */
export const makeUser = async (role: TRole = "admin", overrides: { email?: string; name?: string } = {}) => {
  const email = overrides.email ?? `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await createUser({ email, name: overrides.name ?? `Test ${role}`, role, passwordHash: await hashPassword(TEST_PASSWORD) });
  const principal: Principal = { userId: user.id, email: user.email, name: user.name, role: user.role, via: "session", ip: "127.0.0.1" };
  return { user, principal };
};

/** A connector row's data with unique name, org and rate bucket (no real API key: tests that sync bring their own). */
export const connectorData = (overrides: Partial<NewConnector> = {}): NewConnector => {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    name: `conn-${id}`,
    orgId: `org-${id}`,
    baseUrl: "https://api.atlassian.com",
    apiKeyCiphertext: "not-a-real-ciphertext",
    apiKeyLast4: "abcd",
    rateBucketKey: `bucket-${id}`,
    apiKeyExpiresAt: new Date("2030-01-01T00:00:00Z"),
    backfillDays: 1,
    syncFrom: new Date("2026-01-01T00:00:00Z"),
    createdById: null,
    missingScopes: [],
    scopesCheckedAt: new Date(),
    ...overrides,
  };
};
