// GET /api/v1/openapi.json – the OpenAPI 3.1 document of /api/v1 (no auth: it describes the API, holds no data)
import { withRoute } from "@/lib/server/http/with-route";
import { systemContracts } from "@/lib/shared/contracts/system";
import { buildOpenApiDocument } from "@/lib/shared/openapi/document";

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

export const GET = withRoute(systemContracts.openApi, async () => (cached ??= buildOpenApiDocument()));
