import { randomUUID } from "node:crypto";
import { checkCaPem } from "../../../devices/ca-pem";
import { AppError } from "../../../shared/errors";
import type { TDeviceCaDto, TUploadCaInput } from "../../../shared/schemas/devices";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { deleteUploadedCa, findDeviceCa, insertDeviceCa, listDeviceCas } from "../../repositories/device-ca-repository";
import type { Principal } from "../principal";
import { toDeviceCaDto } from "./device-dto";
import { ensureWatchpostCaRecord } from "./get-watchpost-ca";

type Actor = Pick<Principal, "userId" | "email" | "ip">;

/** Trusted device CAs; Watchpost's own is created the first time an admin looks. */
export const listDeviceCaDtos = async (actor: Actor): Promise<TDeviceCaDto[]> => {
  await ensureWatchpostCaRecord(actor);
  return (await listDeviceCas()).map(toDeviceCaDto);
};

/** The CN of a subject as Node prints it ("C=US\nO=Acme\nCN=Acme Device CA"), else the whole subject on one line. */
const commonNameOf = (subject: string): string => /(?:^|\n)CN=([^\n]+)/.exec(subject)?.[1] ?? subject.replace(/\n/g, ", ");

/** Trusts an admin's CA for device certificates after checkCaPem; the same certificate twice is a 409. */
export const uploadDeviceCa = async (options: Readonly<{ actor: Actor; input: TUploadCaInput }>): Promise<TDeviceCaDto> => {
  const { actor, input } = options;
  const checked = checkCaPem(input.pem, new Date());
  if (!checked.ok) throw new AppError("validation_failed", checked.reason, [{ name: "pem", reason: checked.reason }]);
  const { facts } = checked;
  const ca = await insertDeviceCa({
    id: randomUUID(),
    kind: "uploaded",
    name: input.name || commonNameOf(facts.subject),
    certPem: checked.certPem,
    keyCiphertext: null,
    subject: facts.subject,
    fingerprint256: facts.fingerprint256,
    notAfter: facts.notAfter,
    createdById: actor.userId,
  });
  await appendAuditEvent({ action: "device_ca.uploaded", actorId: actor.userId, actorEmail: actor.email, targetType: "device_ca", targetId: ca.id, targetName: ca.name, ip: actor.ip, details: { fingerprint256: ca.fingerprint256 } });
  return toDeviceCaDto(ca);
};

/** Stops trusting an uploaded CA; Watchpost's own CA signs the issued certificates and stays. */
export const removeDeviceCa = async (options: Readonly<{ actor: Actor; id: string }>): Promise<void> => {
  const { actor, id } = options;
  const ca = await findDeviceCa(id);
  if (!ca) throw new AppError("not_found", "Device CA not found");
  if (ca.kind !== "uploaded") throw new AppError("bad_request", "Watchpost's own device CA cannot be removed: revoke the certificates it issued instead");
  if (!(await deleteUploadedCa(id))) throw new AppError("not_found", "Device CA not found");
  await appendAuditEvent({ action: "device_ca.removed", actorId: actor.userId, actorEmail: actor.email, targetType: "device_ca", targetId: ca.id, targetName: ca.name, ip: actor.ip, details: { fingerprint256: ca.fingerprint256 } });
};

/** A trusted CA's certificate as a PEM download (never a key). */
export const getDeviceCaPem = async (id: string): Promise<{ filename: string; contentType: string; body: ReadableStream<Uint8Array> }> => {
  const ca = await findDeviceCa(id);
  if (!ca) throw new AppError("not_found", "Device CA not found");
  const body = new Blob([ca.certPem]).stream();
  return { filename: `${commonNameOf(ca.subject).replace(/[^A-Za-z0-9._-]+/g, "-") || "device-ca"}.pem`, contentType: "application/x-pem-file", body };
};
