import type { Prisma } from "../../generated/prisma/client";
import type { TRole } from "../../shared/roles";
import { getDb, type Db } from "../db";

export type TSsoProtocol = "oidc";

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

/** Creates or replaces the protocol's connection; mappings and policy stay as they were. */
export const upsertSsoConnection = (protocol: TSsoProtocol, data: TSsoConnection, db: Db = getDb()): Promise<TSsoConfigRecord> => {
  const { id, ...fields } = data;
  return db.ssoConfig.upsert({ where: { protocol }, create: { id, protocol, ...fields }, update: fields, select: SSO_SELECT });
};

export type TSsoPolicy = Readonly<{ roleMappings: Prisma.InputJsonValue; defaultRole: TRole | null; requireSso: boolean; updatedById: string }>;

export const updateSsoPolicy = (protocol: TSsoProtocol, data: TSsoPolicy, db: Db = getDb()): Promise<TSsoConfigRecord> =>
  db.ssoConfig.update({ where: { protocol }, data, select: SSO_SELECT });

/** Whether password sign-in is limited to break-glass accounts. */
export const isSsoRequired = async (db: Db = getDb()): Promise<boolean> => (await db.ssoConfig.count({ where: { requireSso: true } })) > 0;
