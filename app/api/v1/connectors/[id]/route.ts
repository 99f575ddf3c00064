// GET /api/v1/connectors/{id} (any role); PATCH {enabled} – pause or resume (admin); DELETE – remove it and its data (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { getConnectorOrThrow } from "@/lib/server/services/connectors/get-connectors";
import { deleteConnector, setConnectorEnabled } from "@/lib/server/services/connectors/manage-connector";
import { connectorContracts } from "@/lib/shared/contracts/connectors";

export const GET = withRoute(connectorContracts.get, ({ params }) => getConnectorOrThrow(params.id));

export const PATCH = withRoute(connectorContracts.setEnabled, ({ principal, params, body }) => setConnectorEnabled({ actor: principal, id: params.id, enabled: body.enabled }));

export const DELETE = withRoute(connectorContracts.delete, ({ principal, params }) => deleteConnector({ actor: principal, id: params.id }));
