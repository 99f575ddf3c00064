// POST /api/v1/alerts/{id}/egress – "this is our egress": the alert's IPs become a Corporate/VPN range and open alerts inside it are dismissed (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { markAlertEgress } from "@/lib/server/services/alerts/mark-egress";
import { alertContracts } from "@/lib/shared/contracts/alerts";

export const POST = withRoute(alertContracts.markEgress, ({ principal, params, body }) => markAlertEgress({ actor: principal, alertId: params.id, input: body }));
