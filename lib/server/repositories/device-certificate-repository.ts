import { getDb, type Db } from "../db";

/** Serials (hex, upper case) of revoked device certificates: the proxy treats them as unmanaged. */
export const listRevokedSerials = async (db: Db = getDb()): Promise<string[]> =>
  (await db.deviceCertificate.findMany({ where: { revokedAt: { not: null } }, select: { serial: true } })).map((r) => r.serial);

export type TDeviceCertificateRecord = Readonly<{
  id: string;
  name: string;
  serial: string;
  subject: string;
  fingerprint256: string;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}>;

const CERT_SELECT = { id: true, name: true, serial: true, subject: true, fingerprint256: true, issuedAt: true, expiresAt: true, revokedAt: true } as const;

/** Issued certificates, newest first. */
export const listDeviceCertificates = (db: Db = getDb()): Promise<TDeviceCertificateRecord[]> =>
  db.deviceCertificate.findMany({ select: CERT_SELECT, orderBy: [{ issuedAt: "desc" }, { id: "desc" }] });

export const insertDeviceCertificate = (
  data: Readonly<{ caId: string; name: string; serial: string; subject: string; fingerprint256: string; issuedAt: Date; expiresAt: Date; issuedById: string | null }>,
  db: Db = getDb(),
): Promise<TDeviceCertificateRecord> => db.deviceCertificate.create({ data, select: CERT_SELECT });

/** Revokes a certificate (a second revoke keeps the first time); null when there is none by that id. */
export const revokeDeviceCertificate = async (
  options: Readonly<{ id: string; actorId: string | null; at: Date }>,
  db: Db = getDb(),
): Promise<{ certificate: TDeviceCertificateRecord; isNew: boolean } | null> => {
  const { count } = await db.deviceCertificate.updateMany({ where: { id: options.id, revokedAt: null }, data: { revokedAt: options.at, revokedById: options.actorId } });
  const certificate = await db.deviceCertificate.findUnique({ where: { id: options.id }, select: CERT_SELECT });
  return certificate ? { certificate, isNew: count > 0 } : null;
};
