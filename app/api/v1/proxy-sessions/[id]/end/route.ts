// POST /api/v1/proxy-sessions/{id}/end – End session: its next request must sign in again (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { endProxySessionForActor } from "@/lib/server/services/proxy-sessions/end-proxy-session";
import { proxySessionContracts } from "@/lib/shared/contracts/proxy-sessions";

export const POST = withRoute(proxySessionContracts.end, ({ principal, params }) => endProxySessionForActor({ actor: principal, id: params.id }));
