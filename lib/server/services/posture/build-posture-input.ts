import type { TPostureInput } from "../../../posture";
import type { loadPostureSource } from "../../repositories/directory-repository";

type TSource = NonNullable<Awaited<ReturnType<typeof loadPostureSource>>>;

const hasProductAccess = (raw: unknown): boolean => {
  const access = (raw as { product_access?: unknown } | null)?.product_access;
  return Array.isArray(access) && access.length > 0;
};

/**
 * Maps synced rows to the engine's input. API keys: Atlassian's org key inventory is not synced, so the
 * connector's own admin API key stands for it ([S], docs/posture.md); its age counts from when it was
 * entered in Watchpost, a lower bound of its real age.
 */
export const buildPostureInput = (source: TSource, now: Date): TPostureInput => ({
  now,
  policies: source.policies.map((p) => ({
    policyId: p.policyId,
    type: p.type,
    name: p.name,
    status: p.status,
    rule: (p.attributes as { rule?: unknown } | null)?.rule ?? null,
  })),
  users: source.users.map((u) => ({
    accountId: u.accountId,
    name: u.name,
    email: u.email,
    status: u.status,
    isAdmin: u.isAdmin,
    lastActiveAt: u.lastActiveAt,
    hasProductAccess: hasProductAccess(u.raw),
  })),
  domains: source.domains,
  apiKeys: [
    {
      id: source.connector.id,
      label: `API key of connector “${source.connector.name}” (…${source.connector.apiKeyLast4})`,
      createdAt: source.connector.apiKeySetAt,
      expiresAt: source.connector.apiKeyExpiresAt,
    },
  ],
});
