// PUT /api/v1/sso/oidc – save the OpenID Connect connection after discovery and a client check (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { removeSsoConnection } from "@/lib/server/services/auth/sso/remove-sso-connection";
import { saveOidcConnection } from "@/lib/server/services/auth/sso/save-oidc-connection";
import { ssoContracts } from "@/lib/shared/contracts/sso";

export const PUT = withRoute(ssoContracts.saveOidc, ({ principal, body }) => saveOidcConnection({ actor: principal, input: body }));

// DELETE /api/v1/sso/oidc – remove the OpenID Connect connection (admin)
export const DELETE = withRoute(ssoContracts.removeOidc, ({ principal }) => removeSsoConnection({ actor: principal, protocol: "oidc" }));
