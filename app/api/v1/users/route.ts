// GET /api/v1/users – Atlassian accounts of every connector, filtered and keyset-paginated (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { listAtlassianUsers } from "@/lib/server/services/atlassian-users/list-atlassian-users";
import { ZAtlassianUsersQuery } from "@/lib/shared/schemas/atlassian-users";

export const GET = withRoute({ auth: "viewer", query: ZAtlassianUsersQuery, handler: ({ query }) => listAtlassianUsers(query) });
