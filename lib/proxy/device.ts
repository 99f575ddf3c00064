// Managed or unmanaged: what the TLS client certificate of a connection says about the device.
import type { PeerCertificate, TLSSocket } from "node:tls";

export type TDevice = Readonly<{
  isManaged: boolean;
  /** Subject CN (or the whole subject) and serial of the presented certificate, when one was readable. */
  subject: string | null;
  serial: string | null;
  /** Issuer CN (or the whole issuer) of the presented certificate: session policies filter on it. */
  issuer: string | null;
  /** Why a presented certificate does not make the device managed (OpenSSL's code, or "revoked"). */
  problem: string | null;
}>;

export const UNMANAGED: TDevice = { isManaged: false, subject: null, serial: null, issuer: null, problem: null };

type TPeer = Partial<Pick<PeerCertificate, "issuer">> & Pick<PeerCertificate, "subject" | "serialNumber"> | Record<string, never> | null | undefined;

const nameOf = (peer: TPeer, field: "subject" | "issuer"): string | null => {
  const name = peer && field in peer ? (peer as Partial<Pick<PeerCertificate, "subject" | "issuer">>)[field] : undefined;
  if (!name || typeof name !== "object") return null;
  const cn = name.CN;
  if (typeof cn === "string" && cn) return cn;
  if (Array.isArray(cn) && typeof cn[0] === "string") return cn[0];
  const parts = Object.entries(name).map(([k, v]) => `${k}=${String(v)}`);
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
  const subject = nameOf(input.peer, "subject");
  if (!serial && !subject) return UNMANAGED;
  const issuer = nameOf(input.peer, "issuer");
  if (!input.isAuthorized) return { isManaged: false, subject, serial, issuer, problem: String(input.authorizationError ?? "not trusted") };
  if (!serial) return { isManaged: false, subject, serial, issuer, problem: "no readable serial" };
  if (revokedSerials.has(serial)) return { isManaged: false, subject, serial, issuer, problem: "revoked" };
  return { isManaged: true, subject, serial, issuer, problem: null };
};

/** Reads a TLS socket's client certificate without ever throwing (a malformed one is unmanaged). */
export const deviceOfSocket = (socket: TLSSocket, revokedSerials: ReadonlySet<string>): TDevice => {
  try {
    return classifyDevice({ isAuthorized: socket.authorized, authorizationError: socket.authorizationError, peer: socket.getPeerCertificate() }, revokedSerials);
  } catch (error) {
    return { ...UNMANAGED, problem: `unreadable certificate: ${(error as Error).message}` };
  }
};
