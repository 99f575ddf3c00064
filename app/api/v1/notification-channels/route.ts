// GET /api/v1/notification-channels – list notification channels; POST – add one (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listChannelDtos } from "@/lib/server/services/notifications/get-channels";
import { createChannel } from "@/lib/server/services/notifications/save-channel";
import { notificationContracts } from "@/lib/shared/contracts/notifications";

export const GET = withRoute(notificationContracts.listChannels, async () => ({ data: await listChannelDtos() }));

export const POST = withRoute(notificationContracts.createChannel, ({ principal, body }) => createChannel({ actor: principal, input: body }));
