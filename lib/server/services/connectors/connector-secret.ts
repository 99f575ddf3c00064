import { getEnv } from "../../../env";
import { decryptSecret, encryptSecret } from "../../crypto/secret-box";
import { keyFingerprint, lastFour } from "../../crypto/key-fingerprint";

const secret = (): string => {
  const value = getEnv().WATCHPOST_SECRET;
  if (!value) throw new Error("WATCHPOST_SECRET is not set: it is needed to encrypt Atlassian API keys");
  return value;
};

/** Everything stored about a key: ciphertext, last 4 characters and the rate-bucket name. */
export const sealApiKey = (apiKey: string) => ({
  apiKeyCiphertext: encryptSecret(apiKey.trim(), secret()),
  apiKeyLast4: lastFour(apiKey),
  rateBucketKey: keyFingerprint(apiKey.trim(), secret()),
});

export const openApiKey = (ciphertext: string): string => decryptSecret(ciphertext, secret());
