// Managed or unmanaged: what the TLS client certificate of a connection says about the device.
import type { PeerCertificate, TLSSocket } from "node:tls";

export type TDevice = Readonly<{
  isManaged: boolean;
  /** Subject CN (or the whole subject) and serial of the presented certificate, when one was readable. */
  subject: string | null;
  serial: string | null;
  /** Why a presented certificate does not make the device managed (OpenSSL's code, or "revoked"). */
  problem: string | null;
}>;

export const UNMANAGED: TDevice = { isManaged: false, subject: null, serial: null, problem: null };

type TPeer = Pick<PeerCertificate, "subject" | "serialNumber"> | Record<string, never> | null | undefined;

const subjectOf = (peer: TPeer): string | null => {
  const subject = peer && "subject" in peer ? peer.subject : undefined;
  if (!subject || typeof subject !== "object") return null;
  const cn = subject.CN;
  if (typeof cn === "string" && cn) return cn;
  if (Array.isArray(cn) && typeof cn[0] === "string") return cn[0];
  const parts = Object.entries(subject).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? parts.join(", ") : null;
};

/** Hex upper case without separators, as the device certificate rows store serials. */
export const normalizeSerial = (serial: unknown): string | null =>
  typeof serial === "string" && /^[0-9a-f:]+$/i.test(serial) ? serial.replace(/:/g, "").toUpperCase() : null;

/**
 * The device behind a connection: managed only for a certificate that chains to a trusted device CA (OpenSSL
 * checked chain and validity: `authorized`) and whose serial is not revoked. Anything else, including no certificate,
 * is unmanaged; a presented one keeps its subject for the record.
 */
export const classifyDevice = (
  input: Readonly<{ isAuthorized: boolean; authorizationError?: unknown; peer: TPeer }>,
  revokedSerials: ReadonlySet<string>,
): TDevice => {
  const serial = input.peer && "serialNumber" in input.peer ? normalizeSerial(input.peer.serialNumber) : null;
  const subject = subjectOf(input.peer);
  if (!serial && !subject) return UNMANAGED;
  if (!input.isAuthorized) return { isManaged: false, subject, serial, problem: String(input.authorizationError ?? "not trusted") };
  if (!serial) return { isManaged: false, subject, serial, problem: "no readable serial" };
  if (revokedSerials.has(serial)) return { isManaged: false, subject, serial, problem: "revoked" };
  return { isManaged: true, subject, serial, problem: null };
};

/** Reads a TLS socket's client certificate without ever throwing (a malformed one is unmanaged). */
export const deviceOfSocket = (socket: TLSSocket, revokedSerials: ReadonlySet<string>): TDevice => {
  try {
    return classifyDevice({ isAuthorized: socket.authorized, authorizationError: socket.authorizationError, peer: socket.getPeerCertificate() }, revokedSerials);
  } catch (error) {
    return { ...UNMANAGED, problem: `unreadable certificate: ${(error as Error).message}` };
  }
};
