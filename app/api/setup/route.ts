// POST /api/setup – create the first admin while no user exists (public; 404 afterwards)
import { withRoute } from "@/lib/server/http/with-route";
import { setupFirstAdmin } from "@/lib/server/services/users/setup-first-admin";
import { ZSetupInput } from "@/lib/shared/schemas/users";

export const POST = withRoute({
  auth: "public",
  body: ZSetupInput,
  status: 201,
  handler: ({ body, ip }) => setupFirstAdmin({ input: body, ip }),
});
