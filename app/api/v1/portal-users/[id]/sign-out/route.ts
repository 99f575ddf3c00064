// POST /api/v1/portal-users/{id}/sign-out – end every browser session of a user (admin); API tokens are kept
import { withRoute } from "@/lib/server/http/with-route";
import { signOutEverywhere } from "@/lib/server/services/users/sign-out-everywhere";
import { portalUserContracts } from "@/lib/shared/contracts/portal-users";

export const POST = withRoute(portalUserContracts.signOut, ({ principal, params }) => signOutEverywhere({ actor: principal, id: params.id }));
