// PATCH /api/v1/connectors/{id}/sites/{siteId} – protect a site through the session proxy, or stop (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { setSiteProtection } from "@/lib/server/services/sites/set-site-protection";
import { siteContracts } from "@/lib/shared/contracts/sites";

export const PATCH = withRoute(siteContracts.update, ({ principal, params, body }) =>
  setSiteProtection({ actor: principal, connectorId: params.id, siteId: params.siteId, isProtected: body.isProtected }),
);
