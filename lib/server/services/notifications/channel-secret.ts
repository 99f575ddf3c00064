import { getEnv } from "../../../env";
import { decryptSecret, encryptSecret } from "../../crypto/secret-box";

/** What a channel keeps encrypted: the SMTP password or the webhook URL (Slack/Teams URLs are credentials). */
export type ChannelSecret = Readonly<{ password?: string; url?: string }>;

const PURPOSE = "notification-channel";

const secret = (): string => {
  const value = getEnv().WATCHPOST_SECRET;
  if (!value) throw new Error("WATCHPOST_SECRET is not set: it is needed to encrypt notification channel secrets");
  return value;
};

export const sealChannelSecret = (value: ChannelSecret): string => encryptSecret(JSON.stringify(value), secret(), PURPOSE);

export const openChannelSecret = (ciphertext: string | null): ChannelSecret => {
  if (!ciphertext) return {};
  const parsed: unknown = JSON.parse(decryptSecret(ciphertext, secret(), PURPOSE));
  const record = (parsed ?? {}) as Record<string, unknown>;
  return {
    ...(typeof record.password === "string" ? { password: record.password } : {}),
    ...(typeof record.url === "string" ? { url: record.url } : {}),
  };
};

/** What the UI may show of a webhook URL: its host and the last 4 characters ("hooks.slack.com/…/a1b2"). */
export const webhookHint = (url: string): string => {
  const host = new URL(url).host;
  return `${host}/…/${url.slice(-4)}`;
};

export const PASSWORD_HINT = "password set";
