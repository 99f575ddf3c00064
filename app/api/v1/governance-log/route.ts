// GET /api/v1/governance-log – governance actions, newest first, filtered, cursor-paged (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listGovernanceLog } from "@/lib/server/services/governance/list-governance-log";
import { ZGovernanceLogQuery } from "@/lib/shared/schemas/governance";

export const GET = withRoute({ auth: "viewer", query: ZGovernanceLogQuery, handler: ({ query }) => listGovernanceLog(query) });
