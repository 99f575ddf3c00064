// GET /api/v1/notification-channels/{id} – one channel; PATCH – edit it; DELETE – remove it (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { getChannelOrThrow } from "@/lib/server/services/notifications/get-channels";
import { deleteChannelForActor, updateChannelForActor } from "@/lib/server/services/notifications/save-channel";
import { notificationContracts } from "@/lib/shared/contracts/notifications";

export const GET = withRoute(notificationContracts.getChannel, ({ params }) => getChannelOrThrow(params.id));

export const PATCH = withRoute(notificationContracts.updateChannel, ({ principal, params, body }) => updateChannelForActor({ actor: principal, id: params.id, input: body }));

export const DELETE = withRoute(notificationContracts.deleteChannel, async ({ principal, params }) => {
  await deleteChannelForActor({ actor: principal, id: params.id });
});
