// GET /api/v1/policies/{id} – one policy (id, built-in key or custom:<id>); PATCH – change it; DELETE – remove a custom policy (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { getPolicyDtoOrThrow } from "@/lib/server/services/policies/get-policies";
import { deletePolicyForActor, updatePolicyForActor } from "@/lib/server/services/policies/save-policy";
import { policyContracts } from "@/lib/shared/contracts/policies";

export const GET = withRoute(policyContracts.get, ({ params }) => getPolicyDtoOrThrow(params.id));

export const PATCH = withRoute(policyContracts.update, ({ principal, params, body }) => updatePolicyForActor({ actor: principal, idOrKey: params.id, input: body }));

export const DELETE = withRoute(policyContracts.delete, async ({ principal, params }) => {
  await deletePolicyForActor({ actor: principal, idOrKey: params.id });
});
