// GET /api/v1/users/{id}/activities – the account's activity timeline, newest first (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { listUserActivities } from "@/lib/server/services/atlassian-users/list-user-activities";
import { ZAtlassianUserIdParams, ZUserActivitiesQuery } from "@/lib/shared/schemas/atlassian-users";

export const GET = withRoute({
  auth: "viewer",
  params: ZAtlassianUserIdParams,
  query: ZUserActivitiesQuery,
  handler: ({ params, query }) => listUserActivities({ id: params.id, query }),
});
