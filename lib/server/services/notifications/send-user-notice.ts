import { describeMessage } from "../../../notifications/describe-message";
import type { NotificationContent } from "../../../notifications/types";
import { listEnabledChannelsWithSecret, recordChannelOutcome, type ChannelWithSecret } from "../../repositories/notification-channel-repository";
import { insertDelivery } from "../../repositories/notification-delivery-repository";
import { toDeliveryError } from "./delivery-error";
import { deliverToChannel } from "./deliver-to-channel";
import { nextAttemptAt } from "./retry-policy";

export type UserNoticeInput = Readonly<{ toEmail: string; toName: string | null; subject: string; text: string; chat: boolean }>;

/** An error of sendUserNotice; `retryable` tells the governance job whether trying again may help. */
export class UserNoticeError extends Error {
  override name = "UserNoticeError";
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const NO_EMAIL_CHANNEL = "No email channel is configured: add one under Settings → Notifications";

/** Sends now and records the delivery; a transient chat failure stays pending for the notify loop to retry. */
const sendAndRecord = async (channel: ChannelWithSecret, content: NotificationContent, options: Readonly<{ retryLater: boolean }>) => {
  const now = new Date();
  const message = { subject: describeMessage(content).subject, content };
  try {
    await deliverToChannel({ channel, content, now });
    await insertDelivery({ channelId: channel.id, kind: "user_notice", message, status: "succeeded", attempts: 1, deliveredAt: new Date() });
    await recordChannelOutcome(channel.id, { ok: true, at: new Date() });
    return null;
  } catch (error) {
    const failure = toDeliveryError(error);
    const retryAt = options.retryLater ? nextAttemptAt({ attempts: 1, retryable: failure.retryable, retryAfterSeconds: failure.retryAfterSeconds, now }) : null;
    await insertDelivery({
      channelId: channel.id,
      kind: "user_notice",
      message,
      status: retryAt ? "pending" : "failed",
      attempts: 1,
      error: failure.message,
      ...(retryAt ? { nextAttemptAt: retryAt } : {}),
    });
    await recordChannelOutcome(channel.id, { ok: false, at: new Date(), error: failure.message });
    return failure;
  }
};

/**
 * Notify-user governance action: emails the Atlassian user through the first enabled email channel and,
 * when `chat` is set, posts the notice to the enabled Slack and Teams channels. Returns the names of the
 * channels used. Throws UserNoticeError: not retryable without an email channel or on a permanent
 * failure (bad address, authentication); retryable on timeouts and connection errors. Chat failures do
 * not fail the notice: they are visible on the channel page and retried by the notify job.
 */
export const sendUserNotice = async (input: UserNoticeInput): Promise<{ channels: string[] }> => {
  const channels = await listEnabledChannelsWithSecret(input.chat ? ["email", "slack", "teams"] : ["email"]);
  const email = channels.find((c) => c.kind === "email");
  if (!email) throw new UserNoticeError(NO_EMAIL_CHANNEL, false);
  const content: NotificationContent = { type: "user_notice", toEmail: input.toEmail, toName: input.toName, subject: input.subject, text: input.text };
  const failure = await sendAndRecord(email, content, { retryLater: false });
  if (failure) throw new UserNoticeError(`Email through "${email.name}" failed: ${failure.message}`, failure.retryable);
  const used = [email.name];
  for (const chat of channels.filter((c) => c.kind === "slack" || c.kind === "teams")) {
    await sendAndRecord(chat, content, { retryLater: true });
    used.push(chat.name);
  }
  return { channels: used };
};
