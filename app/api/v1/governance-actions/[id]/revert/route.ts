// POST /api/v1/governance-actions/{id}/revert – queue restore-access for a succeeded suspension (analyst) → 202
import { withRoute } from "@/lib/server/http/with-route";
import { revertGovernanceAction } from "@/lib/server/services/governance/revert-governance-action";
import { ZGovernanceActionIdParams } from "@/lib/shared/schemas/governance";

export const POST = withRoute({
  auth: "analyst",
  params: ZGovernanceActionIdParams,
  status: 202,
  handler: ({ principal, params }) => revertGovernanceAction({ actor: principal, id: params.id }),
});
