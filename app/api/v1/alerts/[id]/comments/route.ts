// POST /api/v1/alerts/{id}/comments – comment on an alert (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { addAlertComment } from "@/lib/server/services/alerts/add-alert-comment";
import { alertContracts } from "@/lib/shared/contracts/alerts";

export const POST = withRoute(alertContracts.addComment, ({ principal, params, body }) => addAlertComment({ actor: principal, alertId: params.id, body: body.body }));
