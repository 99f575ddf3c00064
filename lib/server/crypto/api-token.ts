import { createHash, randomBytes } from "node:crypto";

const PREFIX = "wpt_";

/** A new personal API token: 32 random bytes, recognisable by its prefix (for secret scanners). */
export const generateApiToken = (): { token: string; prefix: string; tokenHash: string } => {
  const token = PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, PREFIX.length + 6), tokenHash: hashApiToken(token) };
};

/** SHA-256 is enough here: tokens carry 256 bits of entropy, so no salt or slow hash is needed. */
export const hashApiToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

export const looksLikeApiToken = (value: string): boolean => /^wpt_[A-Za-z0-9_-]{43}$/.test(value);
