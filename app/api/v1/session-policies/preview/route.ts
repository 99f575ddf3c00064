// POST /api/v1/session-policies/preview – what a session policy would have blocked or logged over the last N days, with examples (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { previewSessionPolicy } from "@/lib/server/services/session-policies/preview-session-policy";
import { sessionPolicyContracts } from "@/lib/shared/contracts/session-policies";

export const POST = withRoute(sessionPolicyContracts.preview, ({ body, principal }) => previewSessionPolicy(body, new Date(), principal.userId));
