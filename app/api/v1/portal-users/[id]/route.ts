// PATCH /api/v1/portal-users/{id} – change role, name or disabled (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { updateUser } from "@/lib/server/services/users/update-user";
import { portalUserContracts } from "@/lib/shared/contracts/portal-users";

export const PATCH = withRoute(portalUserContracts.update, ({ principal, params, body }) => updateUser({ actor: principal, id: params.id, input: body }));
