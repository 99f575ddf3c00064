// GET /api/v1/sso – single sign-on settings (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { getSsoSettings } from "@/lib/server/services/auth/sso/sso-config";
import { ssoContracts } from "@/lib/shared/contracts/sso";

export const GET = withRoute(ssoContracts.get, () => getSsoSettings());
