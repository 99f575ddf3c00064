// GET /api/v1/policies – built-in and custom detection policies (any role); POST – create a custom policy (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listPolicyDtos } from "@/lib/server/services/policies/get-policies";
import { createPolicy } from "@/lib/server/services/policies/save-policy";
import { ZCreatePolicyInput } from "@/lib/shared/schemas/policies";

export const GET = withRoute({ auth: "viewer", handler: async () => ({ data: await listPolicyDtos() }) });

export const POST = withRoute({
  auth: "admin",
  body: ZCreatePolicyInput,
  status: 201,
  handler: ({ principal, body }) => createPolicy({ actor: principal, input: body }),
});
