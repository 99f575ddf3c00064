// PUT /api/v1/sso/break-glass/{userId} – mark or unmark a break-glass account (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { setUserBreakGlass } from "@/lib/server/services/auth/sso/set-break-glass";
import { ssoContracts } from "@/lib/shared/contracts/sso";

export const PUT = withRoute(ssoContracts.setBreakGlass, ({ principal, params, body }) => setUserBreakGlass({ actor: principal, userId: params.userId, isBreakGlass: body.isBreakGlass }));
