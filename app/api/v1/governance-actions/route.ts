// POST /api/v1/governance-actions – queue notify/require sign-in/suspend/unsuspend for an Atlassian user (analyst) → 202
import { withRoute } from "@/lib/server/http/with-route";
import { requestGovernanceAction } from "@/lib/server/services/governance/request-governance-action";
import { ZGovernanceActionInput } from "@/lib/shared/schemas/governance";

export const POST = withRoute({
  auth: "analyst",
  body: ZGovernanceActionInput,
  status: 202,
  handler: ({ principal, body }) => requestGovernanceAction({ actor: principal, input: body }),
});
