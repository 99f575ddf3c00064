// GET /api/v1/users – Atlassian accounts of every connector, filtered and keyset-paginated (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { listAtlassianUsers } from "@/lib/server/services/atlassian-users/list-atlassian-users";
import { atlassianUserContracts } from "@/lib/shared/contracts/users";

export const GET = withRoute(atlassianUserContracts.list, ({ query }) => listAtlassianUsers(query));
