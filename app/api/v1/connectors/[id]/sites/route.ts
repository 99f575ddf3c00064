// GET /api/v1/connectors/{id}/sites – the org's Atlassian sites with their session-proxy switch (any role)
import { withRoute } from "@/lib/server/http/with-route";
import { listConnectorSiteDtos } from "@/lib/server/services/sites/list-connector-sites";
import { siteContracts } from "@/lib/shared/contracts/sites";

export const GET = withRoute(siteContracts.list, ({ params }) => listConnectorSiteDtos(params.id));
