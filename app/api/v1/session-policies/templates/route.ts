// GET /api/v1/session-policies/templates – Defender's common session policies as ready bodies (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listSessionPolicyTemplates } from "@/lib/server/services/session-policies/get-session-policies";
import { sessionPolicyContracts } from "@/lib/shared/contracts/session-policies";

export const GET = withRoute(sessionPolicyContracts.templates, async () => listSessionPolicyTemplates());
