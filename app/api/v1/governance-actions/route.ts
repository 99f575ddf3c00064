// POST /api/v1/governance-actions – queue notify/require sign-in/suspend/unsuspend for an Atlassian user (analyst) → 202
import { withRoute } from "@/lib/server/http/with-route";
import { requestGovernanceAction } from "@/lib/server/services/governance/request-governance-action";
import { governanceContracts } from "@/lib/shared/contracts/governance";

export const POST = withRoute(governanceContracts.request, ({ principal, body }) => requestGovernanceAction({ actor: principal, input: body }));
