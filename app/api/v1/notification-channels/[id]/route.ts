// GET /api/v1/notification-channels/{id} – one channel; PATCH – edit it; DELETE – remove it (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { getChannelOrThrow } from "@/lib/server/services/notifications/get-channels";
import { deleteChannelForActor, updateChannelForActor } from "@/lib/server/services/notifications/save-channel";
import { ZChannelIdParams, ZUpdateChannelInput } from "@/lib/shared/schemas/notifications";

export const GET = withRoute({ auth: "admin", params: ZChannelIdParams, handler: ({ params }) => getChannelOrThrow(params.id) });

export const PATCH = withRoute({
  auth: "admin",
  params: ZChannelIdParams,
  body: ZUpdateChannelInput,
  handler: ({ principal, params, body }) => updateChannelForActor({ actor: principal, id: params.id, input: body }),
});

export const DELETE = withRoute({
  auth: "admin",
  params: ZChannelIdParams,
  handler: async ({ principal, params }) => {
    await deleteChannelForActor({ actor: principal, id: params.id });
    return new Response(null, { status: 204 });
  },
});
