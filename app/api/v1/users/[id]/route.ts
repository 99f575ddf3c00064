// GET /api/v1/users/{id} – one Atlassian account: IPs and countries seen, alerts (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { getAtlassianUserOrThrow } from "@/lib/server/services/atlassian-users/get-atlassian-user";
import { ZAtlassianUserIdParams } from "@/lib/shared/schemas/atlassian-users";

export const GET = withRoute({ auth: "viewer", params: ZAtlassianUserIdParams, handler: ({ params }) => getAtlassianUserOrThrow(params.id) });
