import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A purpose-specific 256-bit key derived from WATCHPOST_SECRET (HKDF-SHA256), so the session key is never reused. */
const deriveKey = (secret: string, purpose: string): Buffer => Buffer.from(hkdfSync("sha256", secret, "watchpost", purpose, 32));

/**
 * Encrypts with AES-256-GCM: a random nonce per value and an authentication tag, so tampering or a
 * wrong secret is detected. Output: "v1:" + base64url(nonce | ciphertext | tag).
 */
export const encryptSecret = (plaintext: string, secret: string, purpose = "atlassian-api-key"): string => {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(secret, purpose), nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url")}`;
};

export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

/** Decrypts a value of encryptSecret; throws SecretBoxError when it was altered or the secret differs. */
export const decryptSecret = (box: string, secret: string, purpose = "atlassian-api-key"): string => {
  const [version, payload] = box.split(":");
  if (version !== VERSION || !payload) throw new SecretBoxError("unknown secret format");
  const raw = Buffer.from(payload, "base64url");
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw new SecretBoxError("secret is truncated");
  const decipher = createDecipheriv("aes-256-gcm", deriveKey(secret, purpose), raw.subarray(0, NONCE_BYTES));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("secret cannot be decrypted: WATCHPOST_SECRET changed or the value was altered");
  }
};
