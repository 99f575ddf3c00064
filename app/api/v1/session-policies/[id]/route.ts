// GET /api/v1/session-policies/{id} – one session policy (any role); PATCH – change it; DELETE – remove it (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { getSessionPolicyOrThrow } from "@/lib/server/services/session-policies/get-session-policies";
import { deleteSessionPolicyForActor, updateSessionPolicyForActor } from "@/lib/server/services/session-policies/save-session-policy";
import { sessionPolicyContracts } from "@/lib/shared/contracts/session-policies";

export const GET = withRoute(sessionPolicyContracts.get, ({ params }) => getSessionPolicyOrThrow(params.id));

export const PATCH = withRoute(sessionPolicyContracts.update, ({ principal, params, body }) => updateSessionPolicyForActor({ actor: principal, id: params.id, input: body }));

export const DELETE = withRoute(sessionPolicyContracts.delete, async ({ principal, params }) => {
  await deleteSessionPolicyForActor({ actor: principal, id: params.id });
});
