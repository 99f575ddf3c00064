// GET /api/v1/activities/export?format=csv|ndjson – the current filter as a streamed file (viewer)
import { downloadResponse } from "@/lib/server/http/download-response";
import { withRoute } from "@/lib/server/http/with-route";
import { exportActivities } from "@/lib/server/services/activities/export-activities";
import { activityContracts } from "@/lib/shared/contracts/activities";

export const GET = withRoute(activityContracts.export, async ({ query, principal }) => downloadResponse(await exportActivities({ query, userId: principal.userId })));
