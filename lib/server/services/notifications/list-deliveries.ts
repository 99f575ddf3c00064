import { AppError } from "../../../shared/errors";
import type { TDeliveryDto } from "../../../shared/schemas/notifications";
import { findChannel } from "../../repositories/notification-channel-repository";
import { listDeliveries } from "../../repositories/notification-delivery-repository";
import { toDeliveryDto } from "./channel-dto";

type Query = Readonly<{ status?: "pending" | "succeeded" | "failed"; cursor?: string; limit: number }>;

const encodeCursor = (row: { createdAt: Date; id: string }): string => Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");

const decodeCursor = (cursor: string): { createdAt: Date; id: string } => {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError("validation_failed", "cursor must be a value returned as nextCursor", [{ name: "cursor", reason: "unknown cursor" }]);
  }
  return { createdAt, id };
};

/** A channel's deliveries, newest first: {data, nextCursor}. */
export const listChannelDeliveries = async (options: Readonly<{ channelId: string; query: Query }>): Promise<{ data: TDeliveryDto[]; nextCursor: string | null }> => {
  if (!(await findChannel(options.channelId))) throw new AppError("not_found", "No notification channel with this id");
  const { status, cursor, limit } = options.query;
  const { rows, hasMore } = await listDeliveries({ channelId: options.channelId, status, limit, ...(cursor ? { after: decodeCursor(cursor) } : {}) });
  const last = rows.at(-1);
  return { data: rows.map(toDeliveryDto), nextCursor: hasMore && last ? encodeCursor(last) : null };
};

