// POST /api/v1/alerts/{id}/comments – comment on an alert (analyst)
import { withRoute } from "@/lib/server/http/with-route";
import { addAlertComment } from "@/lib/server/services/alerts/add-alert-comment";
import { ZAlertCommentInput, ZAlertIdParams } from "@/lib/shared/schemas/alerts";

export const POST = withRoute({
  auth: "analyst",
  params: ZAlertIdParams,
  body: ZAlertCommentInput,
  status: 201,
  handler: ({ principal, params, body }) => addAlertComment({ actor: principal, alertId: params.id, body: body.body }),
});
