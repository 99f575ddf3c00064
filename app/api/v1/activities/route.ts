// GET /api/v1/activities – the activity log: filters, keyset cursor, newest first (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { listActivities } from "@/lib/server/services/activities/list-activities";
import { ZActivityListQuery } from "@/lib/shared/schemas/activities";

export const GET = withRoute({ auth: "viewer", query: ZActivityListQuery, handler: ({ query }) => listActivities({ query }) });
