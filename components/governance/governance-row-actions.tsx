"use client";

import { useState } from "react";
import { useConfirmGovernanceAction, useRevertGovernanceAction } from "@/lib/client/hooks/use-governance-mutations";
import type { TGovernanceActionDto } from "@/lib/shared/schemas/governance";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { formatDateTime } from "../ui/format";

const userOf = (entry: TGovernanceActionDto) => entry.user.email ?? entry.user.name ?? entry.accountId;

/** Revert (queue restore-access) and Confirm (cancel the automatic restore) of one suspension. */
export function GovernanceRowActions({ entry }: Readonly<{ entry: TGovernanceActionDto }>) {
  const [open, setOpen] = useState<"revert" | "confirm" | null>(null);
  const revert = useRevertGovernanceAction();
  const confirm = useConfirmGovernanceAction();
  const canConfirm = entry.action === "suspend_user" && entry.autoRestoreAt !== undefined && !entry.revertedById;
  if (!entry.revertible && !canConfirm) return null;
  const mutation = open === "revert" ? revert : confirm;
  return (
    <div className="flex flex-wrap justify-end gap-1">
      {entry.revertible ? (
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setOpen("revert")}>
          Revert
        </Button>
      ) : null}
      {canConfirm ? (
        <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => setOpen("confirm")}>
          Confirm suspension
        </Button>
      ) : null}
      {open ? (
        <ConfirmDialog
          title={open === "revert" ? "Revert the suspension?" : "Confirm the suspension?"}
          confirmLabel={open === "revert" ? "Unsuspend user" : "Confirm suspension"}
          isBusy={mutation.isPending}
          onClose={() => setOpen(null)}
          onConfirm={() => mutation.mutate(entry.id, { onSuccess: () => setOpen(null) })}
        >
          {open === "revert" ? (
            <p>
              Unsuspend user: Watchpost will call restore-access for {userOf(entry)}: their product access comes back as it was before the
              suspension. The revert is written to the governance log.
            </p>
          ) : (
            <p>
              {userOf(entry)} stays suspended: the automatic restore planned for {entry.autoRestoreAt ? formatDateTime(entry.autoRestoreAt) : "later"} is
              cancelled. Nothing is called in Atlassian now; unsuspend them later with Unsuspend user.
            </p>
          )}
          {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
