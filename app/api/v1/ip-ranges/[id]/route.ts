// PATCH /api/v1/ip-ranges/{id} – change a range; DELETE – remove it (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { deleteIpRangeForActor, updateIpRangeForActor } from "@/lib/server/services/ip-ranges/save-ip-range";
import { ZIpRangeIdParams, ZUpdateIpRangeInput } from "@/lib/shared/schemas/ip-ranges";

export const PATCH = withRoute({
  auth: "admin",
  params: ZIpRangeIdParams,
  body: ZUpdateIpRangeInput,
  handler: ({ principal, params, body }) => updateIpRangeForActor({ actor: principal, id: params.id, input: body }),
});

export const DELETE = withRoute({
  auth: "admin",
  params: ZIpRangeIdParams,
  handler: async ({ principal, params }) => {
    await deleteIpRangeForActor({ actor: principal, id: params.id });
    return new Response(null, { status: 204 });
  },
});
