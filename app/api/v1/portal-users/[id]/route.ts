// PATCH /api/v1/portal-users/{id} – change role, name or disabled (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { updateUser } from "@/lib/server/services/users/update-user";
import { ZUpdateUserInput, ZUserIdParams } from "@/lib/shared/schemas/users";

export const PATCH = withRoute({
  auth: "admin",
  params: ZUserIdParams,
  body: ZUpdateUserInput,
  handler: ({ principal, params, body }) => updateUser({ actor: principal, id: params.id, input: body }),
});
