"use client";

import { useState } from "react";
import { devicesApi } from "@/lib/client/api/devices";
import { useRemoveCa } from "@/lib/client/hooks/use-device-mutations";
import type { TDeviceCaDto } from "@/lib/shared/schemas/devices";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { DataTable } from "../ui/data-table";
import { formatDate } from "../ui/format";

/** Trusted device CAs: each certificate downloadable as PEM; uploaded ones can be removed (confirmed). */
export function CasTable({ cas }: Readonly<{ cas: readonly TDeviceCaDto[] }>) {
  const [removing, setRemoving] = useState<TDeviceCaDto | null>(null);
  const mutation = useRemoveCa();
  return (
    <div className="space-y-3">
      {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      <DataTable columns={[{ label: "CA" }, { label: "Kind" }, { label: "SHA-256 fingerprint" }, { label: "Valid until" }, { label: "" }]}>
        {cas.map((ca) => (
          <tr key={ca.id} data-testid="device-ca">
            <td className="py-2 pr-4 font-medium">{ca.name}</td>
            <td className="py-2 pr-4">{ca.kind === "watchpost" ? <Badge tone="brand">Watchpost</Badge> : <Badge>Uploaded</Badge>}</td>
            <td className="max-w-xs py-2 pr-4 font-mono text-xs break-all">{ca.fingerprint256}</td>
            <td className="py-2 pr-4 whitespace-nowrap">{formatDate(ca.notAfter)}</td>
            <td className="py-2 text-right whitespace-nowrap">
              <a href={devicesApi.caCertificateUrl(ca.id)} download className="mr-3 text-sm text-brand-600 underline dark:text-sky-300">
                Download PEM
              </a>
              {ca.kind === "uploaded" ? (
                <Button variant="secondary" aria-label={`Remove ${ca.name}`} onClick={() => setRemoving(ca)}>
                  Remove
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {removing ? (
        <ConfirmDialog
          title={`Remove “${removing.name}”?`}
          confirmLabel="Remove"
          isBusy={mutation.isPending}
          onClose={() => setRemoving(null)}
          onConfirm={() => mutation.mutate(removing.id, { onSettled: () => setRemoving(null) })}
        >
          <p>Devices with certificates from this CA become unmanaged for the session proxy.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
