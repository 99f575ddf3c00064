// GET /api/v1/connectors/{id}/quarantine/export – every quarantined event with its raw JSON, as NDJSON (analyst)
import { downloadResponse } from "@/lib/server/http/download-response";
import { withRoute } from "@/lib/server/http/with-route";
import { exportQuarantinedEvents } from "@/lib/server/services/connectors/export-quarantined-events";
import { connectorContracts } from "@/lib/shared/contracts/connectors";

export const GET = withRoute(connectorContracts.exportQuarantine, async ({ params }) => downloadResponse(await exportQuarantinedEvents({ connectorId: params.id })));
