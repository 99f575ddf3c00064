// GET /api/v1/activities – the activity log: filters, keyset cursor, newest first (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { listActivities } from "@/lib/server/services/activities/list-activities";
import { activityContracts } from "@/lib/shared/contracts/activities";

export const GET = withRoute(activityContracts.list, ({ query }) => listActivities({ query }));
