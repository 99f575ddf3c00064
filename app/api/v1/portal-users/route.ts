// GET /api/v1/portal-users – list the people who sign in to the portal (admin); POST – create one (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { createUser } from "@/lib/server/services/users/create-user";
import { listUsers } from "@/lib/server/services/users/list-users";
import { portalUserContracts } from "@/lib/shared/contracts/portal-users";

export const GET = withRoute(portalUserContracts.list, async () => ({ data: await listUsers() }));

export const POST = withRoute(portalUserContracts.create, ({ principal, body }) => createUser({ actor: principal, input: body }));
