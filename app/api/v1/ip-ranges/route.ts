// GET /api/v1/ip-ranges – named IP ranges (any role); POST – create one (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listIpRangeDtos } from "@/lib/server/services/ip-ranges/list-ip-ranges";
import { createIpRangeForActor } from "@/lib/server/services/ip-ranges/save-ip-range";
import { ipRangeContracts } from "@/lib/shared/contracts/ip-ranges";

export const GET = withRoute(ipRangeContracts.list, async () => ({ data: await listIpRangeDtos() }));

export const POST = withRoute(ipRangeContracts.create, ({ principal, body }) => createIpRangeForActor({ actor: principal, input: body }));
