// POST /api/v1/alerts/{id}/egress – "this is our egress": the alert's IPs become a Corporate/VPN range and open alerts inside it are dismissed (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { markAlertEgress } from "@/lib/server/services/alerts/mark-egress";
import { ZAlertEgressInput, ZAlertIdParams } from "@/lib/shared/schemas/alerts";

export const POST = withRoute({
  auth: "analyst",
  params: ZAlertIdParams,
  body: ZAlertEgressInput,
  status: 201,
  handler: ({ principal, params, body }) => markAlertEgress({ actor: principal, alertId: params.id, input: body }),
});
