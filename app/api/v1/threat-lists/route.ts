// GET /api/v1/threat-lists – each threat tag's list in force: built-in or uploaded (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listThreatLists } from "@/lib/server/services/ip-ranges/threat-lists";

export const GET = withRoute({ auth: "viewer", handler: async () => ({ data: await listThreatLists() }) });
