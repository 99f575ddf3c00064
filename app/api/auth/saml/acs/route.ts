// POST /api/auth/saml/acs – the SAML Assertion Consumer Service: the IdP's signed Response signs the user in (public)
import { handleSamlAcs } from "@/lib/server/auth/saml-endpoints";

export const POST = (req: Request) => handleSamlAcs(req);
