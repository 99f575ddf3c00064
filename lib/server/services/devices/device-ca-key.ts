import { getEnv } from "../../../env";
import { decryptSecret, encryptSecret } from "../../crypto/secret-box";
import { bindSecret, DEVICE_CA_KEY } from "../../crypto/secret-columns";

const secret = (): string => {
  const value = getEnv().WATCHPOST_SECRET;
  if (!value) throw new Error("WATCHPOST_SECRET is not set: it is needed to encrypt the device CA's private key");
  return value;
};

/** The device CA's private key (PEM) encrypted for its row of device_cas. */
export const sealCaKey = (caId: string, keyPem: string): string => encryptSecret(keyPem, secret(), bindSecret(DEVICE_CA_KEY, caId));

/** Throws SecretBoxError when the stored key does not open for this row (WATCHPOST_SECRET changed). */
export const openCaKey = (caId: string, box: string): string => decryptSecret(box, secret(), bindSecret(DEVICE_CA_KEY, caId));
