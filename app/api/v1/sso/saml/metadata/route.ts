// GET /api/v1/sso/saml/metadata – Watchpost's SAML SP metadata, to register at the IdP (public)
import { withRoute } from "@/lib/server/http/with-route";
import { samlSpMetadataXml } from "@/lib/server/services/auth/sso/saml-service-provider";
import { ssoContracts } from "@/lib/shared/contracts/sso";

export const GET = withRoute(
  ssoContracts.samlMetadata,
  async () =>
    new Response(samlSpMetadataXml(), {
      headers: { "content-type": "application/samlmetadata+xml; charset=utf-8", "content-disposition": 'attachment; filename="watchpost-sp-metadata.xml"', "cache-control": "no-store" },
    }),
);
