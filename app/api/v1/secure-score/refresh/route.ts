// POST /api/v1/secure-score/refresh {connectorId} – re-read the org's policies and users now, then re-evaluate (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { refreshPosture } from "@/lib/server/services/posture/refresh-posture";
import { ZRefreshPostureInput } from "@/lib/shared/schemas/posture";

export const POST = withRoute({
  auth: "admin",
  body: ZRefreshPostureInput,
  status: 202,
  handler: ({ principal, body }) => refreshPosture({ actor: principal, connectorId: body.connectorId }),
});
