// GET /api/v1/notification-channels – list notification channels; POST – add one (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listChannelDtos } from "@/lib/server/services/notifications/get-channels";
import { createChannel } from "@/lib/server/services/notifications/save-channel";
import { ZCreateChannelInput } from "@/lib/shared/schemas/notifications";

export const GET = withRoute({ auth: "admin", handler: async () => ({ data: await listChannelDtos() }) });

export const POST = withRoute({
  auth: "admin",
  body: ZCreateChannelInput,
  status: 201,
  handler: ({ principal, body }) => createChannel({ actor: principal, input: body }),
});
