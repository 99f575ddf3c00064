/**
 * A rough lower bound on the entropy of a secret, in bits: the per-character Shannon entropy of its
 * shortest repeating unit times that unit's length. It cannot prove randomness; it catches what people
 * actually paste ("changeme" × 4, "aaaa…", "0123456789abcdef" twice, a short hex string).
 */
export const estimateSecretBits = (secret: string): number => {
  const unit = secret.slice(0, shortestPeriod(secret));
  const counts = new Map<string, number>();
  for (const ch of unit) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const length = [...unit].length;
  let perChar = 0;
  for (const count of counts.values()) perChar -= (count / length) * Math.log2(count / length);
  return perChar * length;
};

/** The length of the shortest unit the string is made of (its full length when it does not repeat). */
const shortestPeriod = (s: string): number => {
  for (let p = 1; p <= s.length / 2; p++) {
    let isPeriod = true;
    for (let i = p; i < s.length && isPeriod; i++) isPeriod = s[i] === s[i - p];
    if (isPeriod) return p;
  }
  return s.length;
};

export const MIN_SECRET_LENGTH = 32;
/**
 * 32 random bytes as base64url (43 characters, what `npm start` generates) estimate at about 200 bits and
 * as hex (64 characters) at about 240; 16 random bytes as hex estimate at about 115. 160 separates them.
 */
export const MIN_SECRET_BITS = 160;

/** Why a secret is too weak, or null when it is acceptable. */
export const secretWeakness = (secret: string): string | null => {
  if (secret.length < MIN_SECRET_LENGTH) return `must be at least ${MIN_SECRET_LENGTH} characters`;
  if (estimateSecretBits(secret) < MIN_SECRET_BITS) {
    return "looks repeated or too predictable: use 32 random bytes, e.g. `openssl rand -base64 32`";
  }
  return null;
};
