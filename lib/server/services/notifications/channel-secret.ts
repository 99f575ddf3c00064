import { getEnv } from "../../../env";
import { decryptSecret, encryptSecret } from "../../crypto/secret-box";
import { bindSecret, CHANNEL_SECRET } from "../../crypto/secret-columns";

/** What a channel keeps encrypted: the SMTP password or the webhook URL (Slack/Teams URLs are credentials). */
export type ChannelSecret = Readonly<{ password?: string; url?: string }>;

const secret = (): string => {
  const value = getEnv().WATCHPOST_SECRET;
  if (!value) throw new Error("WATCHPOST_SECRET is not set: it is needed to encrypt notification channel secrets");
  return value;
};

/** The ciphertext of channel `channelId`'s secret, bound to that row. */
export const sealChannelSecret = (channelId: string, value: ChannelSecret): string =>
  encryptSecret(JSON.stringify(value), secret(), bindSecret(CHANNEL_SECRET, channelId));

/** The secret of a channel row ({} when it has none); throws SecretBoxError when it does not open for this row. */
export const openChannelSecret = (channel: Readonly<{ id: string; secretCiphertext: string | null }>): ChannelSecret => {
  if (!channel.secretCiphertext) return {};
  const parsed: unknown = JSON.parse(decryptSecret(channel.secretCiphertext, secret(), bindSecret(CHANNEL_SECRET, channel.id)));
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
