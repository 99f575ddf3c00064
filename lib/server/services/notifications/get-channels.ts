import { AppError } from "../../../shared/errors";
import type { TChannelDto } from "../../../shared/schemas/notifications";
import { findChannel, listChannels } from "../../repositories/notification-channel-repository";
import { toChannelDto } from "./channel-dto";

export const listChannelDtos = async (): Promise<TChannelDto[]> => (await listChannels()).map(toChannelDto);

export const getChannelOrThrow = async (id: string): Promise<TChannelDto> => {
  const channel = await findChannel(id);
  if (!channel) throw new AppError("not_found", "No notification channel with this id");
  return toChannelDto(channel);
};
