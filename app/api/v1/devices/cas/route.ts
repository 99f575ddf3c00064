// GET /api/v1/devices/cas – trusted device CAs (Watchpost's own created on first use); POST – upload a CA in PEM (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listDeviceCaDtos, uploadDeviceCa } from "@/lib/server/services/devices/manage-device-cas";
import { deviceContracts } from "@/lib/shared/contracts/devices";

export const GET = withRoute(deviceContracts.listCas, async ({ principal }) => ({ data: await listDeviceCaDtos(principal) }));

export const POST = withRoute(deviceContracts.uploadCa, ({ principal, body }) => uploadDeviceCa({ actor: principal, input: body }));
