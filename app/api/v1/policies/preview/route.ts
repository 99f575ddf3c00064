// POST /api/v1/policies/preview – how many alerts a custom policy would have raised over the last N days, with examples (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { previewPolicy } from "@/lib/server/services/detection/preview-policy";
import { ZPolicyPreviewInput } from "@/lib/shared/schemas/policies";

export const POST = withRoute({ auth: "analyst", body: ZPolicyPreviewInput, handler: ({ body, principal }) => previewPolicy(body, new Date(), principal.userId) });
