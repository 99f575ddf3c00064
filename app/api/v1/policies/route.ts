// GET /api/v1/policies – built-in and custom detection policies (any role); POST – create a custom policy (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listPolicyDtos } from "@/lib/server/services/policies/get-policies";
import { createPolicy } from "@/lib/server/services/policies/save-policy";
import { policyContracts } from "@/lib/shared/contracts/policies";

export const GET = withRoute(policyContracts.list, async () => ({ data: await listPolicyDtos() }));

export const POST = withRoute(policyContracts.create, ({ principal, body }) => createPolicy({ actor: principal, input: body }));
