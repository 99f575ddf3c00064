import type { TDeviceCaDto, TDeviceCertificateDto, TIssueCertificateInput, TIssuedCertificate, TUploadCaInput } from "../../shared/schemas/devices";
import { apiFetch } from "../api-client";

const base = "/api/v1/devices";

/**
 * Fetch client for /api/v1/devices. Issuing answers JSON with the PKCS#12 in base64 (not an attachment), so the
 * form keeps react-query's error handling; `downloadPkcs12` then saves it as a file in the browser.
 */
export const devicesApi = {
  certificates: () => apiFetch<{ data: TDeviceCertificateDto[] }>(`${base}/certificates`).then((r) => r.data),
  issue: (input: TIssueCertificateInput) => apiFetch<TIssuedCertificate>(`${base}/certificates`, { method: "POST", json: input }),
  revoke: (id: string) => apiFetch<TDeviceCertificateDto>(`${base}/certificates/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
  cas: () => apiFetch<{ data: TDeviceCaDto[] }>(`${base}/cas`).then((r) => r.data),
  uploadCa: (input: TUploadCaInput) => apiFetch<TDeviceCaDto>(`${base}/cas`, { method: "POST", json: input }),
  removeCa: (id: string) => apiFetch<null>(`${base}/cas/${encodeURIComponent(id)}`, { method: "DELETE" }),
  /** The PEM is a download: a link to this URL, not a fetch. */
  caCertificateUrl: (id: string) => `${base}/cas/${encodeURIComponent(id)}/certificate`,
};

/** Saves an issued PKCS#12 as a file (a Blob behind a temporary link); it is never kept in the page. */
export const downloadPkcs12 = (issued: Pick<TIssuedCertificate, "fileName" | "pkcs12Base64">): void => {
  const bytes = Uint8Array.from(atob(issued.pkcs12Base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/x-pkcs12" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = issued.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
