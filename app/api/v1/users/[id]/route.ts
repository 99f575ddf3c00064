// GET /api/v1/users/{id} – one Atlassian account: IPs and countries seen, alerts (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { getAtlassianUserOrThrow } from "@/lib/server/services/atlassian-users/get-atlassian-user";
import { atlassianUserContracts } from "@/lib/shared/contracts/users";

export const GET = withRoute(atlassianUserContracts.get, ({ params }) => getAtlassianUserOrThrow(params.id));
