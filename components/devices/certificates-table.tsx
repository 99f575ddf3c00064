"use client";

import { useState } from "react";
import { useRevokeCertificate } from "@/lib/client/hooks/use-device-mutations";
import type { TDeviceCertificateDto } from "@/lib/shared/schemas/devices";
import { Alert } from "../ui/alert";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { DataTable } from "../ui/data-table";
import { formatDate } from "../ui/format";

const STATUS: Record<TDeviceCertificateDto["status"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  revoked: { label: "Revoked", tone: "red" },
  expired: { label: "Expired", tone: "amber" },
};

/** Issued device certificates with **Revoke** (confirmed): the proxy then treats the device as unmanaged. */
export function CertificatesTable({ certificates }: Readonly<{ certificates: readonly TDeviceCertificateDto[] }>) {
  const [revoking, setRevoking] = useState<TDeviceCertificateDto | null>(null);
  const mutation = useRevokeCertificate();
  if (certificates.length === 0) return <p className="text-sm text-slate-500">No certificates issued yet.</p>;
  return (
    <div className="space-y-3">
      {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      <DataTable columns={[{ label: "Name" }, { label: "Subject" }, { label: "Serial" }, { label: "Issued" }, { label: "Expires" }, { label: "Status" }, { label: "" }]}>
        {certificates.map((cert) => (
          <tr key={cert.id} data-testid="device-certificate">
            <td className="py-2 pr-4 font-medium">{cert.name}</td>
            <td className="py-2 pr-4 font-mono text-xs">{cert.subject}</td>
            <td className="py-2 pr-4 font-mono text-xs break-all">{cert.serial}</td>
            <td className="py-2 pr-4 whitespace-nowrap">{formatDate(cert.issuedAt)}</td>
            <td className="py-2 pr-4 whitespace-nowrap">{formatDate(cert.expiresAt)}</td>
            <td className="py-2 pr-4">
              <Badge tone={STATUS[cert.status].tone}>{STATUS[cert.status].label}</Badge>
            </td>
            <td className="py-2 text-right">
              {cert.status === "active" ? (
                <Button variant="secondary" aria-label={`Revoke ${cert.name}`} onClick={() => setRevoking(cert)}>
                  Revoke
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {revoking ? (
        <ConfirmDialog
          title={`Revoke “${revoking.name}”?`}
          confirmLabel="Revoke"
          isBusy={mutation.isPending}
          onClose={() => setRevoking(null)}
          onConfirm={() => mutation.mutate(revoking.id, { onSettled: () => setRevoking(null) })}
        >
          <p>The session proxy will treat this device as unmanaged within seconds. A revoked certificate cannot be restored: issue a new one instead.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
