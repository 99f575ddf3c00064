// POST /api/v1/governance-actions/{id}/confirm – keep a suspension: cancel its automatic restore (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { confirmGovernanceAction } from "@/lib/server/services/governance/revert-governance-action";
import { governanceContracts } from "@/lib/shared/contracts/governance";

export const POST = withRoute(governanceContracts.confirm, ({ principal, params }) => confirmGovernanceAction({ actor: principal, id: params.id }));
