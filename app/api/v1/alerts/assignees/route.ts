// GET /api/v1/alerts/assignees – enabled analysts and admins, for the assign picker (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listAssignees } from "@/lib/server/services/alerts/list-assignees";

export const GET = withRoute({ auth: "viewer", handler: async () => ({ data: await listAssignees() }) });
