// GET /api/v1/governance-log – governance actions, newest first, filtered, cursor-paged (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listGovernanceLog } from "@/lib/server/services/governance/list-governance-log";
import { governanceContracts } from "@/lib/shared/contracts/governance";

export const GET = withRoute(governanceContracts.listLog, ({ query }) => listGovernanceLog(query));
