// GET /api/v1/dashboard?range=24h|7d|30d|90d – KPIs and chart series from the rollups (viewer)
import { withRoute } from "@/lib/server/http/with-route";
import { getDashboard } from "@/lib/server/services/dashboard/get-dashboard";
import { dashboardContracts } from "@/lib/shared/contracts/dashboard";

export const GET = withRoute(dashboardContracts.get, ({ query }) => getDashboard({ range: query.range }));
