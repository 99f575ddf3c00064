// GET /api/v1/alerts/assignees – enabled analysts and admins, for the assign picker (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listAssignees } from "@/lib/server/services/alerts/list-assignees";
import { alertContracts } from "@/lib/shared/contracts/alerts";

export const GET = withRoute(alertContracts.listAssignees, async () => ({ data: await listAssignees() }));
