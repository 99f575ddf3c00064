// POST /api/v1/governance-actions/{id}/revert – queue restore-access for a succeeded suspension (analyst) → 202
import { withRoute } from "@/lib/server/http/with-route";
import { revertGovernanceAction } from "@/lib/server/services/governance/revert-governance-action";
import { governanceContracts } from "@/lib/shared/contracts/governance";

export const POST = withRoute(governanceContracts.revert, ({ principal, params }) => revertGovernanceAction({ actor: principal, id: params.id }));
