// GET /api/v1/ip-ranges – named IP ranges (any role); POST – create one (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listIpRangeDtos } from "@/lib/server/services/ip-ranges/list-ip-ranges";
import { createIpRangeForActor } from "@/lib/server/services/ip-ranges/save-ip-range";
import { ZCreateIpRangeInput } from "@/lib/shared/schemas/ip-ranges";

export const GET = withRoute({ auth: "viewer", handler: async () => ({ data: await listIpRangeDtos() }) });

export const POST = withRoute({
  auth: "admin",
  body: ZCreateIpRangeInput,
  status: 201,
  handler: ({ principal, body }) => createIpRangeForActor({ actor: principal, input: body }),
});
