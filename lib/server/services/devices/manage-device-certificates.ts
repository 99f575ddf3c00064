import { AppError } from "../../../shared/errors";
import type { TDeviceCertificateDto } from "../../../shared/schemas/devices";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { listDeviceCertificates, revokeDeviceCertificate } from "../../repositories/device-certificate-repository";
import type { Principal } from "../principal";
import { toDeviceCertificateDto } from "./device-dto";

type Actor = Pick<Principal, "userId" | "email" | "ip">;

export const listDeviceCertificateDtos = async (now: Date = new Date()): Promise<TDeviceCertificateDto[]> =>
  (await listDeviceCertificates()).map((c) => toDeviceCertificateDto(c, now));

/** Revokes a device certificate: the proxy reads revoked serials every few seconds and then treats it as unmanaged. */
export const revokeDeviceCertificateForActor = async (options: Readonly<{ actor: Actor; id: string }>): Promise<TDeviceCertificateDto> => {
  const { actor, id } = options;
  const now = new Date();
  const result = await revokeDeviceCertificate({ id, actorId: actor.userId, at: now });
  if (!result) throw new AppError("not_found", "Device certificate not found");
  if (result.isNew) {
    const { certificate } = result;
    await appendAuditEvent({
      action: "device_certificate.revoked",
      actorId: actor.userId,
      actorEmail: actor.email,
      targetType: "device_certificate",
      targetId: certificate.id,
      targetName: certificate.name,
      ip: actor.ip,
      details: { serial: certificate.serial },
    });
  }
  return toDeviceCertificateDto(result.certificate, now);
};
