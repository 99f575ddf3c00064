import type { Prisma } from "../../generated/prisma/client";
import { getDb } from "../db";

export type DirectoryUserRow = Readonly<{
  accountId: string;
  name: string | null;
  email: string | null;
  domain: string | null;
  status: string;
  isAdmin: boolean;
  platformRoles: string[];
  lastActiveAt: Date | null;
  raw: unknown;
}>;
export type DomainRow = Readonly<{ name: string; status: string; claimType: string | null }>;
export type PolicyRow = Readonly<{ policyId: string; type: string; name: string | null; status: string | null; attributes: unknown }>;

/** Replaces a connector's synced users, domains and policies with a fresh snapshot, in one transaction. */
export const replaceDirectorySnapshot = async (
  connectorId: string,
  snapshot: Readonly<{ users: readonly DirectoryUserRow[]; domains: readonly DomainRow[]; policies: readonly PolicyRow[]; at: Date }>,
): Promise<void> => {
  const { users, domains, policies, at } = snapshot;
  await getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`
        INSERT INTO atlassian_users (id, connector_id, account_id, name, email, domain, status, is_admin, platform_roles, last_active_at, raw, synced_at)
        SELECT gen_random_uuid(), ${connectorId}::uuid, u."accountId", u.name, u.email, u.domain, u.status, u."isAdmin",
          ARRAY(SELECT jsonb_array_elements_text(u."platformRoles")), u."lastActiveAt", u.raw, ${at}::timestamptz
        FROM jsonb_to_recordset(${JSON.stringify(users)}::jsonb) AS u("accountId" text, name text, email text, domain text, status text,
          "isAdmin" boolean, "platformRoles" jsonb, "lastActiveAt" timestamptz, raw jsonb)
        ON CONFLICT (connector_id, account_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, domain = EXCLUDED.domain,
          status = EXCLUDED.status, is_admin = EXCLUDED.is_admin, platform_roles = EXCLUDED.platform_roles,
          last_active_at = EXCLUDED.last_active_at, raw = EXCLUDED.raw, synced_at = EXCLUDED.synced_at`;
      await tx.atlassianUser.deleteMany({ where: { connectorId, syncedAt: { lt: at } } });
      for (const d of domains) {
        await tx.orgDomain.upsert({
          where: { connectorId_name: { connectorId, name: d.name } },
          create: { connectorId, ...d, syncedAt: at },
          update: { status: d.status, claimType: d.claimType, syncedAt: at },
          select: { id: true },
        });
      }
      await tx.orgDomain.deleteMany({ where: { connectorId, syncedAt: { lt: at } } });
      for (const p of policies) {
        const attributes = p.attributes as Prisma.InputJsonValue;
        await tx.orgPolicy.upsert({
          where: { connectorId_policyId: { connectorId, policyId: p.policyId } },
          create: { connectorId, ...p, attributes, syncedAt: at },
          update: { type: p.type, name: p.name, status: p.status, attributes, syncedAt: at },
          select: { id: true },
        });
      }
      await tx.orgPolicy.deleteMany({ where: { connectorId, syncedAt: { lt: at } } });
    },
    { timeout: 60_000 },
  );
};

/** What the event filter needs: verified domains and managed account ids of one connector. */
export const loadOrgDirectory = async (connectorId: string) => {
  const db = getDb();
  const [domains, users] = await Promise.all([
    db.orgDomain.findMany({ where: { connectorId, status: "verified" }, select: { name: true } }),
    db.atlassianUser.findMany({ where: { connectorId }, select: { accountId: true } }),
  ]);
  return { verifiedDomains: new Set(domains.map((d) => d.name.toLowerCase())), managedAccountIds: new Set(users.map((u) => u.accountId)) };
};
