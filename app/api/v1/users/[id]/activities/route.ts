// GET /api/v1/users/{id}/activities – the account's activity timeline, newest first (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { listUserActivities } from "@/lib/server/services/atlassian-users/list-user-activities";
import { atlassianUserContracts } from "@/lib/shared/contracts/users";

export const GET = withRoute(atlassianUserContracts.listActivities, ({ params, query }) => listUserActivities({ id: params.id, query }));
