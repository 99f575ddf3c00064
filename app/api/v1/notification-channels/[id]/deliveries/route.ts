// GET /api/v1/notification-channels/{id}/deliveries – the channel's deliveries, newest first (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listChannelDeliveries } from "@/lib/server/services/notifications/list-deliveries";
import { notificationContracts } from "@/lib/shared/contracts/notifications";

export const GET = withRoute(notificationContracts.listDeliveries, ({ params, query }) => listChannelDeliveries({ channelId: params.id, query }));
