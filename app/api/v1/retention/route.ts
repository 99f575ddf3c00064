// GET /api/v1/retention – periods, legal holds and last runs; PUT – set the periods (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { getRetention } from "@/lib/server/services/retention/retention-dto";
import { saveRetentionSettings } from "@/lib/server/services/retention/save-retention-settings";
import { retentionContracts } from "@/lib/shared/contracts/retention";

export const GET = withRoute(retentionContracts.get, () => getRetention());

export const PUT = withRoute(retentionContracts.update, ({ principal, body }) => saveRetentionSettings({ actor: principal, input: body }));
