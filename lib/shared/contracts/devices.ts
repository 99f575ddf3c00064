import { z } from "zod";
import {
  ZDeviceCaDto,
  ZDeviceCaIdParams,
  ZDeviceCertificateDto,
  ZDeviceCertificateIdParams,
  ZIssueCertificateInput,
  ZIssuedCertificate,
  ZUploadCaInput,
} from "../schemas/devices";
import { defineRoute } from "./define-route";

const TAG = "Devices";

export const deviceContracts = {
  listCertificates: defineRoute({
    method: "GET",
    path: "/api/v1/devices/certificates",
    summary: "Device client certificates Watchpost issued, newest first, with their status",
    tag: TAG,
    auth: "admin",
    response: z.object({ data: z.array(ZDeviceCertificateDto) }),
  }),
  issueCertificate: defineRoute({
    method: "POST",
    path: "/api/v1/devices/certificates",
    summary: "Issue a device client certificate from Watchpost's device CA; answers it once as PKCS#12 (base64) protected by the passphrase",
    tag: TAG,
    auth: "admin",
    body: ZIssueCertificateInput,
    response: ZIssuedCertificate,
    status: 201,
  }),
  revokeCertificate: defineRoute({
    method: "POST",
    path: "/api/v1/devices/certificates/{id}/revoke",
    summary: "Revoke a device certificate: the proxy treats it as unmanaged within seconds",
    tag: TAG,
    auth: "admin",
    params: ZDeviceCertificateIdParams,
    response: ZDeviceCertificateDto,
  }),
  listCas: defineRoute({
    method: "GET",
    path: "/api/v1/devices/cas",
    summary: "Trusted device CAs: Watchpost's own (created on first use) and uploaded ones",
    tag: TAG,
    auth: "admin",
    response: z.object({ data: z.array(ZDeviceCaDto) }),
  }),
  uploadCa: defineRoute({
    method: "POST",
    path: "/api/v1/devices/cas",
    summary: "Trust a CA certificate (PEM) for device certificates; 409 when it is already trusted",
    tag: TAG,
    auth: "admin",
    body: ZUploadCaInput,
    response: ZDeviceCaDto,
    status: 201,
  }),
  removeCa: defineRoute({
    method: "DELETE",
    path: "/api/v1/devices/cas/{id}",
    summary: "Stop trusting an uploaded CA (Watchpost's own cannot be removed)",
    tag: TAG,
    auth: "admin",
    params: ZDeviceCaIdParams,
    status: 204,
  }),
  caCertificate: defineRoute({
    method: "GET",
    path: "/api/v1/devices/cas/{id}/certificate",
    summary: "A trusted CA's certificate as a PEM download",
    tag: TAG,
    auth: "admin",
    params: ZDeviceCaIdParams,
    produces: ["application/x-pem-file"],
  }),
};
