import type { Prisma } from "../../generated/prisma/client";
import { sql } from "kysely";
import { getDb, getSql, type Db, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";
import { executeInTransaction } from "./transaction-sql";

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
  db: Db = getDb(),
): Promise<void> => {
  const { users, domains, policies, at } = snapshot;
  await db.$transaction(
    async (tx) => {
      const u = jsonRecordset(
        "u",
        { accountId: "text", name: "text", email: "text", domain: "text", status: "text", isAdmin: "boolean", platformRoles: "jsonb", lastActiveAt: "timestamptz", raw: "jsonb" },
        users,
      );
      // On the transaction's own connection (transaction-sql.ts says why not tx.$kysely).
      await executeInTransaction(
        tx,
        getSql()
          .insertInto("atlassian_users")
          .columns(["id", "connector_id", "account_id", "name", "email", "domain", "status", "is_admin", "platform_roles", "last_active_at", "raw", "synced_at"])
          .expression((eb) =>
            eb
              .selectFrom(u)
              .select([
                sql<string>`gen_random_uuid()`.as("id"),
                sql<string>`${connectorId}::uuid`.as("connector_id"),
                "u.accountId",
                "u.name",
                "u.email",
                "u.domain",
                "u.status",
                "u.isAdmin",
                // A JSON array to text[]: jsonb_to_recordset has no array fields.
                sql<string[]>`ARRAY(SELECT jsonb_array_elements_text(${sql.ref("u.platformRoles")}))`.as("platform_roles"),
                "u.lastActiveAt",
                "u.raw",
                sql<Date>`${at}::timestamptz`.as("synced_at"),
              ]),
          )
          .onConflict((oc) =>
            oc.columns(["connector_id", "account_id"]).doUpdateSet((eb) => ({
              name: eb.ref("excluded.name"),
              email: eb.ref("excluded.email"),
              domain: eb.ref("excluded.domain"),
              status: eb.ref("excluded.status"),
              is_admin: eb.ref("excluded.is_admin"),
              platform_roles: eb.ref("excluded.platform_roles"),
              last_active_at: eb.ref("excluded.last_active_at"),
              raw: eb.ref("excluded.raw"),
              synced_at: eb.ref("excluded.synced_at"),
            })),
          )
      );
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
export const loadOrgDirectory = async (connectorId: string, db: Db = getDb()) => {
  const [domains, users] = await Promise.all([
    db.orgDomain.findMany({ where: { connectorId, status: "verified" }, select: { name: true } }),
    db.atlassianUser.findMany({ where: { connectorId }, select: { accountId: true } }),
  ]);
  return { verifiedDomains: new Set(domains.map((d) => d.name.toLowerCase())), managedAccountIds: new Set(users.map((u) => u.accountId)) };
};

/** The session proxy's person facts (session policies' admins, groups, external users): users and verified domains of the given connectors. */
export const listProxyPeople = async (connectorIds: readonly string[], sqlDb: Sql = getSql()) => {
  if (connectorIds.length === 0) return { users: [], verifiedDomains: [] };
  const [users, verifiedDomains] = await Promise.all([
    sqlDb.selectFrom("atlassian_users").select(["connector_id as connectorId", "account_id as accountId", "is_admin as isAdmin", "platform_roles as platformRoles"]).where("connector_id", "in", connectorIds).execute(),
    sqlDb.selectFrom("org_domains").select(["connector_id as connectorId", "name"]).where("connector_id", "in", connectorIds).where("status", "=", "verified").execute(),
  ]);
  return { users, verifiedDomains };
};

/** What the posture engine reads of one connector: the synced directory and the connector's own API key. */
export const loadPostureSource = async (connectorId: string, db: Db = getDb()) => {
  const connector = await db.connector.findUnique({
    where: { id: connectorId },
    select: { id: true, name: true, status: true, apiKeyLast4: true, apiKeySetAt: true, apiKeyExpiresAt: true, directorySyncedAt: true },
  });
  if (!connector) return null;
  const [policies, users, domains] = await Promise.all([
    db.orgPolicy.findMany({ where: { connectorId }, select: { policyId: true, type: true, name: true, status: true, attributes: true }, orderBy: { policyId: "asc" } }),
    db.atlassianUser.findMany({
      where: { connectorId },
      select: { accountId: true, name: true, email: true, status: true, isAdmin: true, lastActiveAt: true, raw: true },
      orderBy: { accountId: "asc" },
    }),
    db.orgDomain.findMany({ where: { connectorId }, select: { name: true, status: true }, orderBy: { name: "asc" } }),
  ]);
  return { connector, policies, users, domains };
};
