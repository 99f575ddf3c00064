// GET /api/v1/policies/{id} – one policy (id, built-in key or custom:<id>); PATCH – change it; DELETE – remove a custom policy (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { getPolicyDtoOrThrow } from "@/lib/server/services/policies/get-policies";
import { deletePolicyForActor, updatePolicyForActor } from "@/lib/server/services/policies/save-policy";
import { ZPolicyIdParams } from "@/lib/shared/schemas/policy-api";
import { ZUpdatePolicyInput } from "@/lib/shared/schemas/policies";

export const GET = withRoute({ auth: "viewer", params: ZPolicyIdParams, handler: ({ params }) => getPolicyDtoOrThrow(params.id) });

export const PATCH = withRoute({
  auth: "admin",
  params: ZPolicyIdParams,
  body: ZUpdatePolicyInput,
  handler: ({ principal, params, body }) => updatePolicyForActor({ actor: principal, idOrKey: params.id, input: body }),
});

export const DELETE = withRoute({
  auth: "admin",
  params: ZPolicyIdParams,
  handler: async ({ principal, params }) => {
    await deletePolicyForActor({ actor: principal, idOrKey: params.id });
    return new Response(null, { status: 204 });
  },
});
