import { getEnv } from "../../../env";
import { decryptSecret, encryptSecret } from "../../crypto/secret-box";
import { keyFingerprint, lastFour } from "../../crypto/key-fingerprint";
import { bindSecret, CONNECTOR_API_KEY } from "../../crypto/secret-columns";

/** Why a connector's key cannot be used (SecretBoxError): shown as its status detail and on governance actions. */
export const UNREADABLE_API_KEY =
  "The stored API key cannot be decrypted (WATCHPOST_SECRET changed, or the value was altered or copied from another connector): renew the API key";

const secret = (): string => {
  const value = getEnv().WATCHPOST_SECRET;
  if (!value) throw new Error("WATCHPOST_SECRET is not set: it is needed to encrypt Atlassian API keys");
  return value;
};

/** Everything stored about the key of connector `connectorId`: ciphertext bound to that row, last 4 characters and the rate-bucket name. */
export const sealApiKey = (connectorId: string, apiKey: string) => ({
  apiKeyCiphertext: encryptSecret(apiKey.trim(), secret(), bindSecret(CONNECTOR_API_KEY, connectorId)),
  apiKeyLast4: lastFour(apiKey),
  rateBucketKey: keyFingerprint(apiKey.trim(), secret()),
});

/** The API key of a connector row; throws SecretBoxError when its ciphertext does not open for this row. */
export const openApiKey = (connector: Readonly<{ id: string; apiKeyCiphertext: string }>): string =>
  decryptSecret(connector.apiKeyCiphertext, secret(), bindSecret(CONNECTOR_API_KEY, connector.id));
