// POST /api/v1/policies/preview – how many alerts a custom policy would have raised over the last N days, with examples (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { previewPolicy } from "@/lib/server/services/detection/preview-policy";
import { policyContracts } from "@/lib/shared/contracts/policies";

export const POST = withRoute(policyContracts.preview, ({ body, principal }) => previewPolicy(body, new Date(), principal.userId));
