// GET /api/v1/activities/export?format=csv|ndjson – the current filter as a streamed file (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { exportActivities } from "@/lib/server/services/activities/export-activities";
import { ZActivityExportQuery } from "@/lib/shared/schemas/activities";

export const GET = withRoute({
  auth: "viewer",
  query: ZActivityExportQuery,
  handler: async ({ query, principal }) => {
    const file = await exportActivities({ query, userId: principal.userId });
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
