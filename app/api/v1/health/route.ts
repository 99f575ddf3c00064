// GET /api/v1/health – database, migrations and worker heartbeat (no auth)
import { withRoute } from "@/lib/server/http/with-route";
import { getHealth } from "@/lib/server/services/health/get-health";
import { systemContracts } from "@/lib/shared/contracts/system";

export const dynamic = "force-dynamic";

export const GET = withRoute(systemContracts.health, async () => {
  const health = await getHealth();
  return Response.json(health, { status: health.status === "down" ? 503 : 200, headers: { "cache-control": "no-store" } });
});
