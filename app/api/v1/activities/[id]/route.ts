// GET /api/v1/activities/{id} – one activity with raw event, the user's activity ±1 h and its alerts (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { getActivityOrThrow } from "@/lib/server/services/activities/get-activity";
import { activityContracts } from "@/lib/shared/contracts/activities";

export const GET = withRoute(activityContracts.get, ({ params }) => getActivityOrThrow(params.id));
