// GET /api/v1/tokens – the caller's API tokens (admins: everyone's); POST – create one (shown once)
import { withRoute } from "@/lib/server/http/with-route";
import { createToken } from "@/lib/server/services/tokens/create-token";
import { listTokens } from "@/lib/server/services/tokens/list-tokens";
import { ZCreateTokenInput } from "@/lib/shared/schemas/tokens";

export const GET = withRoute({ auth: "viewer", handler: async ({ principal }) => ({ data: await listTokens({ viewer: principal }) }) });

export const POST = withRoute({
  auth: "viewer",
  body: ZCreateTokenInput,
  status: 201,
  handler: ({ principal, body }) => createToken({ actor: principal, input: body }),
});
