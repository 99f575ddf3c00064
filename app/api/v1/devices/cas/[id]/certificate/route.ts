// GET /api/v1/devices/cas/{id}/certificate – a trusted device CA's certificate as a PEM download (admin)
import { downloadResponse } from "@/lib/server/http/download-response";
import { withRoute } from "@/lib/server/http/with-route";
import { getDeviceCaPem } from "@/lib/server/services/devices/manage-device-cas";
import { deviceContracts } from "@/lib/shared/contracts/devices";

export const GET = withRoute(deviceContracts.caCertificate, async ({ params }) => downloadResponse(await getDeviceCaPem(params.id)));
