// GET /api/v1/devices/certificates – issued device certificates; POST – issue one, answered once as PKCS#12 (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { issueDeviceCertificate } from "@/lib/server/services/devices/issue-device-certificate";
import { listDeviceCertificateDtos } from "@/lib/server/services/devices/manage-device-certificates";
import { deviceContracts } from "@/lib/shared/contracts/devices";

export const GET = withRoute(deviceContracts.listCertificates, async () => ({ data: await listDeviceCertificateDtos() }));

export const POST = withRoute(deviceContracts.issueCertificate, ({ principal, body }) => issueDeviceCertificate({ actor: principal, input: body }));
