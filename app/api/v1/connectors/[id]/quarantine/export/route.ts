// GET /api/v1/connectors/{id}/quarantine/export – every quarantined event with its raw JSON, as NDJSON (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { exportQuarantinedEvents } from "@/lib/server/services/connectors/export-quarantined-events";
import { ZConnectorIdParams } from "@/lib/shared/schemas/connectors";

export const GET = withRoute({
  auth: "analyst",
  params: ZConnectorIdParams,
  handler: async ({ params }) => {
    const file = await exportQuarantinedEvents({ connectorId: params.id });
    return new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
