import type { TDeviceCaDto, TDeviceCertificateDto } from "../../../shared/schemas/devices";
import type { TDeviceCaRecord } from "../../repositories/device-ca-repository";
import type { TDeviceCertificateRecord } from "../../repositories/device-certificate-repository";

export const toDeviceCertificateDto = (cert: TDeviceCertificateRecord, now: Date): TDeviceCertificateDto => ({
  id: cert.id,
  name: cert.name,
  subject: cert.subject,
  serial: cert.serial,
  fingerprint256: cert.fingerprint256,
  issuedAt: cert.issuedAt.toISOString(),
  expiresAt: cert.expiresAt.toISOString(),
  revokedAt: cert.revokedAt?.toISOString() ?? null,
  status: cert.revokedAt ? "revoked" : cert.expiresAt.getTime() <= now.getTime() ? "expired" : "active",
});

export const toDeviceCaDto = (ca: TDeviceCaRecord): TDeviceCaDto => ({
  id: ca.id,
  kind: ca.kind === "watchpost" ? "watchpost" : "uploaded",
  name: ca.name,
  subject: ca.subject,
  fingerprint256: ca.fingerprint256,
  notAfter: ca.notAfter.toISOString(),
  createdAt: ca.createdAt.toISOString(),
});
