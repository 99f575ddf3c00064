import { renderEmail } from "../../../notifications/render-email";
import { renderSlack } from "../../../notifications/render-slack";
import { renderTeams } from "../../../notifications/render-teams";
import { renderWebhook } from "../../../notifications/render-webhook";
import type { NotificationContent } from "../../../notifications/types";
import { ZEmailSettings } from "../../../shared/schemas/notifications";
import type { ChannelWithSecret } from "../../repositories/notification-channel-repository";
import { openChannelSecret, type ChannelSecret } from "./channel-secret";
import { DeliveryError } from "./delivery-error";
import { postWebhook } from "./post-webhook";
import { sendSmtp } from "./send-smtp";

const openSecret = (channel: ChannelWithSecret): ChannelSecret => {
  try {
    return openChannelSecret(channel);
  } catch {
    throw new DeliveryError("The channel's secret cannot be decrypted (WATCHPOST_SECRET changed, or the value was altered or copied from another channel): enter the password or URL again", false);
  }
};

const webhookUrl = (secret: ChannelSecret): string => {
  if (!secret.url) throw new DeliveryError("The channel has no webhook URL: enter it again on the channel page", false);
  return secret.url;
};

/**
 * Sends one message through one channel, rendered for its kind. Email goes to the channel's
 * recipients, except a user notice, which goes to the Atlassian user. Throws DeliveryError.
 */
export const deliverToChannel = async (
  options: Readonly<{ channel: ChannelWithSecret; content: NotificationContent; now: Date; timeoutMs?: number }>,
): Promise<void> => {
  const { channel, content, now, timeoutMs } = options;
  const secret = openSecret(channel);
  switch (channel.kind) {
    case "email": {
      const settings = ZEmailSettings.safeParse(channel.settings);
      if (!settings.success) throw new DeliveryError("The channel's SMTP settings are incomplete: edit the channel", false);
      const to = content.type === "user_notice" ? [content.toEmail] : settings.data.to;
      await sendSmtp({ settings: settings.data, password: secret.password, to, message: renderEmail(content), timeoutMs });
      return;
    }
    case "webhook":
      await postWebhook(webhookUrl(secret), renderWebhook(content, now), { timeoutMs });
      return;
    case "slack":
      await postWebhook(webhookUrl(secret), renderSlack(content), { timeoutMs });
      return;
    case "teams":
      await postWebhook(webhookUrl(secret), renderTeams(content), { timeoutMs });
      return;
  }
};
