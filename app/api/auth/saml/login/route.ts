// GET /api/auth/saml/login – start a SAML sign-in: the browser goes to the IdP with an AuthnRequest (public)
import { handleSamlLogin } from "@/lib/server/auth/saml-endpoints";

export const GET = (req: Request) => handleSamlLogin(req);
