import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { columnOf, type SecretBinding, type SecretColumn } from "./secret-columns";

const VERSION = "v2";
/** Unbound boxes (no associated data): opened only by the upgrade that rebinds them (bind-stored-secrets.ts). */
const LEGACY_VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

/** A purpose-specific 256-bit key derived from WATCHPOST_SECRET (HKDF-SHA256), so the session key is never reused. */
const deriveKey = (secret: string, purpose: string): Buffer => Buffer.from(hkdfSync("sha256", secret, "watchpost", purpose, 32));

/**
 * The AES-GCM associated data of a v2 box: a JSON array of the format, table, column and row id. JSON quotes and
 * escapes each string, so two different triples never give the same bytes (plain concatenation would:
 * "a.b" + "c" and "a" + "b.c").
 */
export const associatedData = (table: string, column: string, rowId: string): Buffer => Buffer.from(JSON.stringify([VERSION, table, column, rowId]), "utf8");

const aadOf = (binding: SecretBinding): Buffer => {
  // Ids come from PostgreSQL (lowercase uuid text) or randomUUID(): anything else is a caller's bug, not a bad box.
  if (!UUID.test(binding.rowId)) throw new TypeError(`a secret of ${binding.table}.${binding.column} must be bound to its row's uuid`);
  return associatedData(binding.table, binding.column, binding.rowId);
};

const open = (payload: string | undefined, key: Buffer, aad: Buffer | null): string => {
  const raw = Buffer.from(payload ?? "", "base64url");
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw new SecretBoxError("secret is truncated");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, NONCE_BYTES));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("secret cannot be decrypted: WATCHPOST_SECRET changed, the value was altered, or it belongs to another row");
  }
};

/**
 * Encrypts with AES-256-GCM for one place: a random nonce per value, and the table, column and row id as
 * associated data, so a value altered, decrypted with another secret, or copied to another row or column fails
 * to decrypt. Output: "v2:" + base64url(nonce | ciphertext | tag).
 */
export const encryptSecret = (plaintext: string, secret: string, binding: SecretBinding): string => {
  const aad = aadOf(binding);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret, columnOf(binding).keyPurpose), nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url")}`;
};

/**
 * Decrypts a value of encryptSecret stored at `binding`; throws SecretBoxError when it was altered, the secret
 * differs or it was made for another row. An unbound v1 value is refused: the upgrade rebinds every v1 value it
 * can open, and accepting one here would let a v1 ciphertext be moved to another row.
 */
export const decryptSecret = (box: string, secret: string, binding: SecretBinding): string => {
  const [version, payload, ...rest] = box.split(":");
  if (version === LEGACY_VERSION) throw new SecretBoxError("secret is in the unbound v1 format, no longer accepted: the upgrade could not convert it (WATCHPOST_SECRET changed?)");
  if (version !== VERSION || rest.length > 0) throw new SecretBoxError("unknown secret format");
  return open(payload, deriveKey(secret, columnOf(binding).keyPurpose), aadOf(binding));
};

export const isLegacySecret = (box: string): boolean => box.startsWith(`${LEGACY_VERSION}:`);

/** For the upgrade only (bind-stored-secrets.ts): opens an unbound v1 value of `column`. */
export const decryptLegacySecret = (box: string, secret: string, column: SecretColumn): string => {
  const [version, payload, ...rest] = box.split(":");
  if (version !== LEGACY_VERSION || rest.length > 0) throw new SecretBoxError("not a v1 secret");
  return open(payload, deriveKey(secret, column.keyPurpose), null);
};
