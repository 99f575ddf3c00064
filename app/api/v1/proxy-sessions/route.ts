// GET /api/v1/proxy-sessions – live and recent sessions through the session proxy (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { listProxySessionPage } from "@/lib/server/services/proxy-sessions/list-proxy-sessions";
import { proxySessionContracts } from "@/lib/shared/contracts/proxy-sessions";

export const GET = withRoute(proxySessionContracts.list, ({ query }) => listProxySessionPage(query));
