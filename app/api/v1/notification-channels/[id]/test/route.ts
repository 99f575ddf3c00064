// POST /api/v1/notification-channels/{id}/test – queue a test message to the channel (admin) → 202 with the delivery
import { withRoute } from "@/lib/server/http/with-route";
import { sendTestNotification } from "@/lib/server/services/notifications/send-test-notification";
import { notificationContracts } from "@/lib/shared/contracts/notifications";

export const POST = withRoute(notificationContracts.testChannel, ({ principal, params }) => sendTestNotification({ actor: principal, channelId: params.id }));
