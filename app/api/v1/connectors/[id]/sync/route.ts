// POST /api/v1/connectors/{id}/sync – poll the Atlassian API now (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { requestSync } from "@/lib/server/services/connectors/manage-connector";
import { connectorContracts } from "@/lib/shared/contracts/connectors";

export const POST = withRoute(connectorContracts.sync, ({ principal, params }) => requestSync({ actor: principal, id: params.id }));
