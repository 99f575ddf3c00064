// POST /api/setup – create the first admin while no user exists (public; 404 afterwards)
import { withRoute } from "@/lib/server/http/with-route";
import { setupFirstAdmin } from "@/lib/server/services/users/setup-first-admin";
import { setupContracts } from "@/lib/shared/contracts/system";

export const POST = withRoute(setupContracts.createFirstAdmin, ({ body, ip }) => setupFirstAdmin({ input: body, ip }));
