"use client";

import { useState } from "react";
import { useDeleteIpRange } from "@/lib/client/hooks/use-ip-range-mutations";
import type { TIpRangeDto } from "@/lib/shared/schemas/ip-ranges";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { DataTable } from "../ui/data-table";
import { formatDateTime } from "../ui/format";
import { categoryLabel } from "./ip-range-form";

type Props = Readonly<{ ranges: TIpRangeDto[]; isAdmin: boolean; onEdit: (range: TIpRangeDto) => void }>;

const CATEGORY_TONES = { corporate: "green", vpn: "brand", administrative: "neutral", cloud_provider: "neutral", risky: "red" } as const;

export function IpRangesTable({ ranges, isAdmin, onEdit }: Props) {
  const [deleting, setDeleting] = useState<TIpRangeDto | null>(null);
  const mutation = useDeleteIpRange();
  if (ranges.length === 0) return <p className="text-sm text-slate-500">No IP ranges yet. Add your offices and VPN egress addresses so travel alerts know them.</p>;
  return (
    <div className="space-y-3">
      {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      <DataTable columns={[{ label: "Name" }, { label: "Category" }, { label: "CIDRs" }, { label: "Tags" }, { label: "Location" }, { label: "Expires" }, { label: "Actions", isLabelHidden: true }]}>
        {ranges.map((range) => (
          <tr key={range.id} data-testid={`ip-range-${range.name}`}>
            <td className="py-2 pr-4 font-medium">{range.name}</td>
            <td className="py-2 pr-4">
              <Badge tone={CATEGORY_TONES[range.category]}>{categoryLabel(range.category)}</Badge>
            </td>
            <td className="py-2 pr-4 font-mono text-xs">
              {range.cidrs.slice(0, 4).join(", ")}
              {range.cidrs.length > 4 ? ` +${range.cidrs.length - 4} more` : ""}
            </td>
            <td className="py-2 pr-4">{range.tags.length ? range.tags.join(", ") : <span className="text-slate-500 dark:text-slate-400">–</span>}</td>
            <td className="py-2 pr-4">{range.location ? [range.location.city, range.location.countryCode].filter(Boolean).join(", ") : <span className="text-slate-500 dark:text-slate-400">GeoIP</span>}</td>
            <td className="py-2 pr-4 text-slate-600 dark:text-slate-400">{range.expiresAt ? formatDateTime(range.expiresAt) : "Never"}</td>
            <td className="py-2 text-right whitespace-nowrap">
              {isAdmin ? (
                <span className="inline-flex gap-2">
                  <Button variant="secondary" aria-label={`Edit ${range.name}`} onClick={() => onEdit(range)}>
                    Edit
                  </Button>
                  <Button variant="danger" aria-label={`Delete ${range.name}`} onClick={() => setDeleting(range)}>
                    Delete
                  </Button>
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {deleting ? (
        <ConfirmDialog title={`Delete the IP range “${deleting.name}”?`} confirmLabel="Delete range" isBusy={mutation.isPending} onConfirm={() => mutation.mutate(deleting.id, { onSuccess: () => setDeleting(null) })} onClose={() => setDeleting(null)}>
          <p>Activities stored from now on will no longer get its category, tags or location. Activities already stored keep theirs.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
