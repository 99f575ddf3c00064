// GET /api/v1/notification-channels/{id}/deliveries – the channel's deliveries, newest first (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listChannelDeliveries } from "@/lib/server/services/notifications/list-deliveries";
import { ZChannelIdParams, ZDeliveryListQuery } from "@/lib/shared/schemas/notifications";

export const GET = withRoute({
  auth: "admin",
  params: ZChannelIdParams,
  query: ZDeliveryListQuery,
  handler: ({ params, query }) => listChannelDeliveries({ channelId: params.id, query }),
});
