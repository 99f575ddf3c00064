// POST /api/v1/notification-channels/{id}/test – queue a test message to the channel (admin) → 202 with the delivery
import { withRoute } from "@/lib/server/http/with-route";
import { sendTestNotification } from "@/lib/server/services/notifications/send-test-notification";
import { ZChannelIdParams } from "@/lib/shared/schemas/notifications";

export const POST = withRoute({
  auth: "admin",
  params: ZChannelIdParams,
  status: 202,
  handler: ({ principal, params }) => sendTestNotification({ actor: principal, channelId: params.id }),
});
