import { createHash } from "node:crypto";
import type { TRejectedEvent } from "../../../atlassian";
import type { QuarantineRow } from "../../repositories/quarantine-repository";

/** Raw JSON kept per quarantined event; the rest is cut (rawTruncated), the full size kept in rawBytes. */
export const MAX_QUARANTINE_RAW_BYTES = 64 * 1024;

const stringify = (raw: unknown): string => {
  try {
    return JSON.stringify(raw) ?? "null";
  } catch {
    return String(raw);
  }
};

/** PostgreSQL text (and jsonb) cannot hold U+0000: the rare one becomes U+FFFD. JSON.stringify escapes it in `raw`. */
const noNul = (text: string): string => (text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text);

/** Whether an event's JSON holds U+0000 somewhere, which PostgreSQL's jsonb refuses: such an event is quarantined. */
export const hasNulCharacter = (value: unknown): boolean => {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNulCharacter);
  if (value !== null && typeof value === "object") return Object.entries(value).some(([key, item]) => key.includes("\u0000") || hasNulCharacter(item));
  return false;
};

/**
 * A rejected event as a quarantine row: keyed by its id, or by a hash of its JSON when it has none, so a page
 * read again (after a crash, a duplicate) counts it once.
 */
export const toQuarantineRow = (rejected: TRejectedEvent): QuarantineRow => {
  const json = stringify(rejected.raw);
  const bytes = Buffer.from(json, "utf8");
  const isTruncated = bytes.length > MAX_QUARANTINE_RAW_BYTES;
  // A cut in the middle of a UTF-8 sequence decodes to U+FFFD: still valid text for a text column.
  const raw = isTruncated ? new TextDecoder().decode(bytes.subarray(0, MAX_QUARANTINE_RAW_BYTES)) : json;
  const id = rejected.id === null ? null : noNul(rejected.id);
  const key = id ?? `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  return { quarantineKey: key, eventId: id, reason: noNul(rejected.reason), raw: noNul(raw), rawTruncated: isTruncated, rawBytes: bytes.length };
};
