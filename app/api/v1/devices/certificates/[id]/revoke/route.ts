// POST /api/v1/devices/certificates/{id}/revoke – revoke a device certificate (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { revokeDeviceCertificateForActor } from "@/lib/server/services/devices/manage-device-certificates";
import { deviceContracts } from "@/lib/shared/contracts/devices";

export const POST = withRoute(deviceContracts.revokeCertificate, ({ principal, params }) => revokeDeviceCertificateForActor({ actor: principal, id: params.id }));
