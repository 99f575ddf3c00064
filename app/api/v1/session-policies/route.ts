// GET /api/v1/session-policies – session policies in evaluation order (any role); POST – create one (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listSessionPolicyDtos } from "@/lib/server/services/session-policies/get-session-policies";
import { createSessionPolicy } from "@/lib/server/services/session-policies/save-session-policy";
import { sessionPolicyContracts } from "@/lib/shared/contracts/session-policies";

export const GET = withRoute(sessionPolicyContracts.list, async () => ({ data: await listSessionPolicyDtos() }));

export const POST = withRoute(sessionPolicyContracts.create, ({ principal, body }) => createSessionPolicy({ actor: principal, input: body }));
