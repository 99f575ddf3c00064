// GET /api/v1/connectors/{id}/quarantine/export – every quarantined event with its raw JSON, as NDJSON (analyst)
import { downloadResponse } from "@/lib/server/http/download-response";
import { withRoute } from "@/lib/server/http/with-route";
import { exportQuarantinedEvents } from "@/lib/server/services/connectors/export-quarantined-events";
import { ZConnectorIdParams } from "@/lib/shared/schemas/connectors";

export const GET = withRoute({
  auth: "analyst",
  params: ZConnectorIdParams,
  handler: async ({ params }) => {
    return downloadResponse(await exportQuarantinedEvents({ connectorId: params.id }));
  },
});
