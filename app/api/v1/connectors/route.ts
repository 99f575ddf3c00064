// GET /api/v1/connectors – connected apps with status and stats (any role); POST – connect an org (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { createConnector } from "@/lib/server/services/connectors/create-connector";
import { listConnectors } from "@/lib/server/services/connectors/get-connectors";
import { connectorContracts } from "@/lib/shared/contracts/connectors";

export const GET = withRoute(connectorContracts.list, async () => ({ data: await listConnectors() }));

export const POST = withRoute(connectorContracts.create, ({ principal, body }) => createConnector({ actor: principal, input: body }));
