// GET /api/v1/users – list portal users (admin); POST – create a user (admin)
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
