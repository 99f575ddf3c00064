// DELETE /api/v1/devices/cas/{id} – stop trusting an uploaded device CA (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { removeDeviceCa } from "@/lib/server/services/devices/manage-device-cas";
import { deviceContracts } from "@/lib/shared/contracts/devices";

export const DELETE = withRoute(deviceContracts.removeCa, async ({ principal, params }) => {
  await removeDeviceCa({ actor: principal, id: params.id });
});
