import { z } from "zod";

/** Days a device certificate may be issued for; the form offers 30, 90, 365 and 730. */
export const CERTIFICATE_DAYS = [30, 90, 365, 730] as const;
export const MAX_CERTIFICATE_DAYS = 3650;
/** Largest PEM an admin may upload: a CA certificate is a few KB; a bundle or anything else is refused. */
export const MAX_CA_PEM_CHARS = 64 * 1024;

export const ZIssueCertificateInput = z.strictObject({
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(64, "Name must be at most 64 characters"),
  expiresInDays: z
    .number({ error: "Expires must be a number of days" })
    .int("Expires must be a whole number of days")
    .min(1, "Expires must be at least 1 day")
    .max(MAX_CERTIFICATE_DAYS, `Expires must be at most ${MAX_CERTIFICATE_DAYS} days`),
  passphrase: z.string({ error: "Passphrase is required" }).min(8, "Passphrase must be at least 8 characters").max(128, "Passphrase must be at most 128 characters"),
});
export type TIssueCertificateInput = z.infer<typeof ZIssueCertificateInput>;

export const CERTIFICATE_STATUSES = ["active", "revoked", "expired"] as const;

export const ZDeviceCertificateDto = z.object({
  id: z.string(),
  name: z.string(),
  subject: z.string(),
  serial: z.string(),
  fingerprint256: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  status: z.enum(CERTIFICATE_STATUSES),
});
export type TDeviceCertificateDto = z.infer<typeof ZDeviceCertificateDto>;

/** The answer of an issue: the PKCS#12 (certificate, key, CA) in base64, shown once and never stored. */
export const ZIssuedCertificate = z.object({ certificate: ZDeviceCertificateDto, fileName: z.string(), pkcs12Base64: z.string() });
export type TIssuedCertificate = z.infer<typeof ZIssuedCertificate>;

export const ZUploadCaInput = z.strictObject({
  pem: z.string({ error: "Paste a PEM certificate" }).trim().min(1, "Paste a PEM certificate").max(MAX_CA_PEM_CHARS, "The PEM is too long for one CA certificate"),
  name: z.string().trim().max(100, "Name must be at most 100 characters").optional(),
});
export type TUploadCaInput = z.infer<typeof ZUploadCaInput>;

export const ZDeviceCaDto = z.object({
  id: z.string(),
  kind: z.enum(["watchpost", "uploaded"]),
  name: z.string(),
  subject: z.string(),
  fingerprint256: z.string(),
  notAfter: z.string(),
  createdAt: z.string(),
});
export type TDeviceCaDto = z.infer<typeof ZDeviceCaDto>;

export const ZDeviceCertificateIdParams = z.object({ id: z.uuid({ error: "Unknown certificate id" }) });
export const ZDeviceCaIdParams = z.object({ id: z.uuid({ error: "Unknown CA id" }) });
