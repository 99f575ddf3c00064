// GET /api/v1/retention/preview – the dry run (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { planRetention } from "@/lib/server/services/retention/plan-retention";
import { retentionContracts } from "@/lib/shared/contracts/retention";

export const GET = withRoute(retentionContracts.preview, async () => {
  const at = new Date();
  return { at: at.toISOString(), ...(await planRetention(at)) };
});
