// GET /api/v1/portal-users – list the people who sign in to the portal (admin); POST – create one (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { createUser } from "@/lib/server/services/users/create-user";
import { listUsers } from "@/lib/server/services/users/list-users";
import { ZCreateUserInput } from "@/lib/shared/schemas/users";

export const GET = withRoute({ auth: "admin", handler: async () => ({ data: await listUsers() }) });

export const POST = withRoute({
  auth: "admin",
  body: ZCreateUserInput,
  status: 201,
  handler: ({ principal, body }) => createUser({ actor: principal, input: body }),
});
