// PUT /api/v1/sso/policy – role mappings, default role and Require SSO (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { saveSsoPolicy } from "@/lib/server/services/auth/sso/save-sso-policy";
import { ssoContracts } from "@/lib/shared/contracts/sso";

export const PUT = withRoute(ssoContracts.savePolicy, ({ principal, body }) => saveSsoPolicy({ actor: principal, input: body }));
