// PATCH /api/v1/ip-ranges/{id} – change a range; DELETE – remove it (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { deleteIpRangeForActor, updateIpRangeForActor } from "@/lib/server/services/ip-ranges/save-ip-range";
import { ipRangeContracts } from "@/lib/shared/contracts/ip-ranges";

export const PATCH = withRoute(ipRangeContracts.update, ({ principal, params, body }) => updateIpRangeForActor({ actor: principal, id: params.id, input: body }));

export const DELETE = withRoute(ipRangeContracts.delete, async ({ principal, params }) => {
  await deleteIpRangeForActor({ actor: principal, id: params.id });
});
