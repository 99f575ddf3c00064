// GET /api/v1/tokens – the caller's API tokens (admins: everyone's); POST – create one (shown once)
import { withRoute } from "@/lib/server/http/with-route";
import { createToken } from "@/lib/server/services/tokens/create-token";
import { listTokens } from "@/lib/server/services/tokens/list-tokens";
import { tokenContracts } from "@/lib/shared/contracts/tokens";

export const GET = withRoute(tokenContracts.list, async ({ principal }) => ({ data: await listTokens({ viewer: principal }) }));

export const POST = withRoute(tokenContracts.create, ({ principal, body }) => createToken({ actor: principal, input: body }));
