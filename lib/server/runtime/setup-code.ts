import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// Crockford's base32: no I, L, O or U, so a code read off a terminal is typed back without ambiguity.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const fileOf = (dataDir: string) => path.join(dataDir, "setup-code");

/** Upper case, without the dashes and spaces a person may type; the same text is hashed on issue and check. */
const normalize = (code: string) => code.replace(/[\s-]/g, "").toUpperCase();
const sha256 = (text: string) => createHash("sha256").update(text).digest();

/**
 * A new one-time setup code (16 characters, 80 bits, shown as XXXX-XXXX-XXXX-XXXX). Only its SHA-256 is kept,
 * in `<dataDir>/setup-code` (mode 600), replacing any earlier code.
 */
export const issueSetupCode = (dataDir: string): string => {
  const bytes = randomBytes(16);
  const code = Array.from(bytes, (b) => ALPHABET[b % 32]).join("");
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(fileOf(dataDir), `${sha256(code).toString("hex")}\n`, { mode: 0o600 });
  return code.match(/.{4}/g)!.join("-");
};

/** Whether `code` is the issued one: compared as SHA-256 digests in constant time; false when none was issued. */
export const isSetupCodeValid = (dataDir: string, code: string | undefined): boolean => {
  let stored: Buffer;
  try {
    stored = Buffer.from(readFileSync(fileOf(dataDir), "utf8").trim(), "hex");
  } catch {
    return false;
  }
  const given = sha256(normalize(code ?? ""));
  return stored.length === given.length && timingSafeEqual(stored, given);
};

/** Forgets the code once the first admin exists: it is good for one setup only. */
export const consumeSetupCode = (dataDir: string): void => rmSync(fileOf(dataDir), { force: true });
