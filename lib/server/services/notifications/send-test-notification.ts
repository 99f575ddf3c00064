import { describeMessage } from "../../../notifications/describe-message";
import type { NotificationContent } from "../../../notifications/types";
import { AppError } from "../../../shared/errors";
import type { TDeliveryDto } from "../../../shared/schemas/notifications";
import { findChannel } from "../../repositories/notification-channel-repository";
import { insertDelivery } from "../../repositories/notification-delivery-repository";
import type { Principal } from "../principal";
import { toDeliveryDto } from "./channel-dto";
import { publicUrl } from "./public-url";

/** Queues a test message to the channel (sent by the notify job within about a second) and returns the delivery. */
export const sendTestNotification = async (options: Readonly<{ actor: Principal; channelId: string }>): Promise<TDeliveryDto> => {
  const channel = await findChannel(options.channelId);
  if (!channel) throw new AppError("not_found", "No notification channel with this id");
  const content: NotificationContent = { type: "test", channelName: channel.name, requestedBy: options.actor.email, url: publicUrl() };
  const delivery = await insertDelivery({ channelId: channel.id, kind: "test", message: { subject: describeMessage(content).subject, content } });
  return toDeliveryDto(delivery);
};
