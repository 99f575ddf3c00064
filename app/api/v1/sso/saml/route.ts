// PUT /api/v1/sso/saml – save the SAML connection from the IdP's metadata, uploaded or fetched from its URL (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { removeSsoConnection } from "@/lib/server/services/auth/sso/remove-sso-connection";
import { saveSamlConnection } from "@/lib/server/services/auth/sso/save-saml-connection";
import { ssoContracts } from "@/lib/shared/contracts/sso";

export const PUT = withRoute(ssoContracts.saveSaml, ({ principal, body }) => saveSamlConnection({ actor: principal, input: body }));

// DELETE /api/v1/sso/saml – remove the SAML connection (admin)
export const DELETE = withRoute(ssoContracts.removeSaml, ({ principal }) => removeSsoConnection({ actor: principal, protocol: "saml" }));
