// GET /api/v1/threat-lists – each threat tag's list in force: built-in or uploaded (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listThreatLists } from "@/lib/server/services/ip-ranges/threat-lists";
import { threatListContracts } from "@/lib/shared/contracts/ip-ranges";

export const GET = withRoute(threatListContracts.list, async () => ({ data: await listThreatLists() }));
