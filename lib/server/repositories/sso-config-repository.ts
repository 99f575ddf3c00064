import type { Prisma } from "../../generated/prisma/client";
import type { TRole } from "../../shared/roles";
import { getDb, type Db } from "../db";

export type TSsoProtocol = "oidc" | "saml";

const SSO_SELECT = {
  id: true,
  protocol: true,
  displayName: true,
  issuer: true,
  clientId: true,
  clientSecretCiphertext: true,
  scopes: true,
  groupsClaim: true,
  metadata: true,
  roleMappings: true,
  defaultRole: true,
  requireSso: true,
  updatedAt: true,
} as const satisfies Prisma.SsoConfigSelect;

/** The stored row, ciphertext included: only the SSO services read it (DTOs never carry it). */
export type TSsoConfigRecord = Readonly<Prisma.SsoConfigGetPayload<{ select: typeof SSO_SELECT }>>;

export const findSsoConfig = (protocol: TSsoProtocol, db: Db = getDb()): Promise<TSsoConfigRecord | null> =>
  db.ssoConfig.findUnique({ where: { protocol }, select: SSO_SELECT });

/** Every configured connection (OpenID Connect first). */
export const listSsoConfigs = (db: Db = getDb()): Promise<TSsoConfigRecord[]> => db.ssoConfig.findMany({ select: SSO_SELECT, orderBy: { protocol: "asc" } });

/** Removes the protocol's connection; false when there was none. */
export const deleteSsoConfig = async (protocol: TSsoProtocol, db: Db = getDb()): Promise<boolean> => (await db.ssoConfig.deleteMany({ where: { protocol } })).count > 0;

export type TSsoConnection = Readonly<{
  id: string;
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecretCiphertext: string;
  scopes: string;
  groupsClaim: string;
  metadata: Prisma.InputJsonValue;
  updatedById: string;
}>;

/**
 * Creates or replaces the protocol's connection; mappings and policy stay as they were. The policy is one for the
 * portal, kept on every connection row: a new connection starts with the one already in force (`policy`).
 */
export const upsertSsoConnection = (
  protocol: TSsoProtocol,
  data: TSsoConnection,
  policy?: Readonly<{ roleMappings: Prisma.InputJsonValue; defaultRole: TRole | null; requireSso: boolean }>,
  db: Db = getDb(),
): Promise<TSsoConfigRecord> => {
  const { id, ...fields } = data;
  return db.ssoConfig.upsert({ where: { protocol }, create: { id, protocol, ...fields, ...policy }, update: fields, select: SSO_SELECT });
};

export type TSsoPolicy = Readonly<{ roleMappings: Prisma.InputJsonValue; defaultRole: TRole | null; requireSso: boolean; updatedById: string }>;

/** The policy applies to every connection, so it is written to each row (one statement). */
export const updateSsoPolicy = async (data: TSsoPolicy, db: Db = getDb()): Promise<void> => {
  await db.ssoConfig.updateMany({ data });
};

/** Whether password sign-in is limited to break-glass accounts. */
export const isSsoRequired = async (db: Db = getDb()): Promise<boolean> => (await db.ssoConfig.count({ where: { requireSso: true } })) > 0;
