import { certificateFacts, issueClientCertificate, toPkcs12 } from "../../../devices/certificates";
import { AppError } from "../../../shared/errors";
import type { TIssueCertificateInput, TIssuedCertificate } from "../../../shared/schemas/devices";
import { SecretBoxError } from "../../crypto/secret-box";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { insertDeviceCertificate } from "../../repositories/device-certificate-repository";
import type { Principal } from "../principal";
import { toDeviceCertificateDto } from "./device-dto";
import { loadWatchpostCaForSigning } from "./get-watchpost-ca";

type Actor = Pick<Principal, "userId" | "email" | "ip">;

/** A file name from the certificate's name: letters, digits, dot, dash and underscore only. */
const fileNameOf = (name: string): string => `${name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "device"}.p12`;

const loadCa = async (actor: Actor) => {
  try {
    return await loadWatchpostCaForSigning(actor);
  } catch (error) {
    if (error instanceof SecretBoxError) {
      throw new AppError("unavailable", "The device CA's key cannot be decrypted (WATCHPOST_SECRET changed?): certificates cannot be issued");
    }
    throw error;
  }
};

/**
 * Issues a device client certificate from Watchpost's device CA and answers it once as PKCS#12 protected by the
 * passphrase. Only the certificate is stored: its private key and the passphrase exist in this request only.
 */
export const issueDeviceCertificate = async (options: Readonly<{ actor: Actor; input: TIssueCertificateInput }>): Promise<TIssuedCertificate> => {
  const { actor, input } = options;
  const ca = await loadCa(actor);
  const now = new Date();
  const issued = issueClientCertificate({ ca: ca.pair, name: input.name, days: input.expiresInDays, now });
  const facts = certificateFacts(issued.certPem);
  const pkcs12 = toPkcs12({ issued, caCertPem: ca.pair.certPem, passphrase: input.passphrase, friendlyName: input.name });
  const record = await insertDeviceCertificate({
    caId: ca.id,
    name: input.name,
    serial: facts.serial,
    subject: facts.subject,
    fingerprint256: facts.fingerprint256,
    issuedAt: now,
    expiresAt: facts.notAfter,
    issuedById: actor.userId,
  });
  await appendAuditEvent({
    action: "device_certificate.issued",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "device_certificate",
    targetId: record.id,
    targetName: record.name,
    ip: actor.ip,
    details: { serial: record.serial, expiresAt: record.expiresAt.toISOString() },
  });
  return { certificate: toDeviceCertificateDto(record, now), fileName: fileNameOf(input.name), pkcs12Base64: pkcs12.toString("base64") };
};
