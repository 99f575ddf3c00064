// POST /api/v1/portal-users/{id}/password – set a temporary password, to be changed at next sign-in (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { setTemporaryPassword } from "@/lib/server/services/users/set-temporary-password";
import { portalUserContracts } from "@/lib/shared/contracts/portal-users";

export const POST = withRoute(portalUserContracts.setTemporaryPassword, ({ principal, params, body }) => setTemporaryPassword({ actor: principal, id: params.id, input: body }));
