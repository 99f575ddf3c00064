"use client";

import { useQuery } from "@tanstack/react-query";
import { deviceCasQuery, deviceCertificatesQuery } from "@/lib/client/queries/devices";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { CasTable } from "./cas-table";
import { CertificatesTable } from "./certificates-table";
import { IssueCertificateForm } from "./issue-certificate-form";
import { UploadCaForm } from "./upload-ca-form";

/** Settings → Devices: what makes a proxied session's device "managed". */
export function DevicesView() {
  const certificates = useQuery(deviceCertificatesQuery());
  const cas = useQuery(deviceCasQuery());
  return (
    <div className="space-y-6">
      <Card title="Device certificates" description="Client certificates from Watchpost's device CA. Install one on a device (with its passphrase) and the session proxy counts the device as managed.">
        <div className="space-y-5">
          <IssueCertificateForm />
          <QueryState isPending={certificates.isPending} error={certificates.error} onRetry={() => void certificates.refetch()}>
            <CertificatesTable certificates={certificates.data ?? []} />
          </QueryState>
        </div>
      </Card>
      <Card title="Trusted CAs" description="A certificate that chains to one of these CAs marks a device as managed. Upload your own CA to trust device certificates you already deploy.">
        <div className="space-y-5">
          <QueryState isPending={cas.isPending} error={cas.error} onRetry={() => void cas.refetch()}>
            <CasTable cas={cas.data ?? []} />
          </QueryState>
          <UploadCaForm />
        </div>
      </Card>
    </div>
  );
}
