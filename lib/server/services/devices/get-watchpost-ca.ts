import { randomUUID } from "node:crypto";
import { certificateFacts, createDeviceCa, type TKeyPairPem } from "../../../devices/certificates";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { ensureWatchpostCa, findWatchpostCa } from "../../repositories/device-ca-repository";
import type { Principal } from "../principal";
import { openCaKey, sealCaKey } from "./device-ca-key";

type Actor = Pick<Principal, "userId" | "email" | "ip">;

export const WATCHPOST_CA_NAME = "Watchpost device CA";

const newCaRow = (actor: Actor | null) => {
  const id = randomUUID();
  const pair = createDeviceCa({ commonName: WATCHPOST_CA_NAME, now: new Date() });
  const facts = certificateFacts(pair.certPem);
  return {
    id,
    kind: "watchpost" as const,
    name: WATCHPOST_CA_NAME,
    certPem: pair.certPem,
    keyCiphertext: sealCaKey(id, pair.keyPem),
    subject: facts.subject,
    fingerprint256: facts.fingerprint256,
    notAfter: facts.notAfter,
    createdById: actor?.userId ?? null,
  };
};

/** Watchpost's device CA record, created (and audited) on first use. */
export const ensureWatchpostCaRecord = async (actor: Actor | null) => {
  const existing = await findWatchpostCa();
  if (existing) return existing;
  const { ca, isNew } = await ensureWatchpostCa(() => newCaRow(actor));
  if (isNew) {
    await appendAuditEvent({ action: "device_ca.created", actorId: actor?.userId ?? null, actorEmail: actor?.email ?? null, targetType: "device_ca", targetId: ca.id, targetName: ca.name, ip: actor?.ip ?? null });
  }
  return ca;
};

/** The CA's certificate and decrypted key, to sign with; the key stays in this process's memory only. */
export const loadWatchpostCaForSigning = async (actor: Actor): Promise<{ id: string; pair: TKeyPairPem }> => {
  const ca = await ensureWatchpostCaRecord(actor);
  if (!ca.keyCiphertext) throw new Error("Watchpost's device CA has no stored key");
  return { id: ca.id, pair: { certPem: ca.certPem, keyPem: openCaKey(ca.id, ca.keyCiphertext) } };
};
