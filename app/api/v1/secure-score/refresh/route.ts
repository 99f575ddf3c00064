// POST /api/v1/secure-score/refresh {connectorId} – re-read the org's policies and users now, then re-evaluate (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { refreshPosture } from "@/lib/server/services/posture/refresh-posture";
import { postureContracts } from "@/lib/shared/contracts/posture";

export const POST = withRoute(postureContracts.refresh, ({ principal, body }) => refreshPosture({ actor: principal, connectorId: body.connectorId }));
