// POST /api/v1/retention/run – run retention now (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { runRetention } from "@/lib/server/services/retention/run-retention";
import { retentionContracts } from "@/lib/shared/contracts/retention";

export const POST = withRoute(retentionContracts.run, ({ principal }) => runRetention({ actor: principal }));
