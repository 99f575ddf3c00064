import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { insertConnector, type NewConnector } from "./connector-repository";

const connector = (overrides: Partial<NewConnector> = {}): NewConnector => ({
  id: randomUUID(),
  name: `conn-${randomUUID()}`,
  orgId: `org-${randomUUID()}`,
  baseUrl: "https://api.atlassian.com",
  apiKeyCiphertext: "not-a-real-ciphertext",
  apiKeyLast4: "abcd",
  rateBucketKey: `bucket-${randomUUID()}`,
  apiKeyExpiresAt: new Date("2030-01-01T00:00:00Z"),
  backfillDays: 1,
  syncFrom: new Date("2026-01-01T00:00:00Z"),
  createdById: null,
  missingScopes: [],
  scopesCheckedAt: new Date(),
  ...overrides,
});

describe("insertConnector", () => {
  // A second create that passed the service's name/org checks at the same moment as the first.
  it("answers a taken name or organization with a 409 ConflictError", async () => {
    const first = await insertConnector(connector());
    const conflict = { code: "conflict", status: 409, message: "This connector already exists (same name or organization)" };
    await expect(insertConnector(connector({ name: first.name }))).rejects.toMatchObject(conflict);
    await expect(insertConnector(connector({ orgId: first.orgId }))).rejects.toMatchObject(conflict);
  });
});
