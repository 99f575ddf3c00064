"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useDeleteConnector } from "@/lib/client/hooks/use-connector-mutations";
import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { Alert } from "../ui/alert";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { TextField } from "../ui/field";
import { formatCount } from "../ui/format";

type Props = Readonly<{ connector: TConnectorDto; onClose: () => void }>;

/**
 * Says exactly what goes with the connector, and asks for its name typed out before anything is deleted
 * (a click alone is too easy to give for what cannot be undone); then back to the list.
 */
export function DeleteConnectorDialog({ connector, onClose }: Props) {
  const router = useRouter();
  const remove = useDeleteConnector(connector.id);
  const [typed, setTyped] = useState("");
  const isNameTyped = typed.trim() === connector.name;
  return (
    <ConfirmDialog
      title={`Delete “${connector.name}”?`}
      confirmLabel="Delete connector"
      isBusy={remove.isPending}
      isConfirmDisabled={!isNameTyped}
      onClose={onClose}
      onConfirm={() => {
        if (isNameTyped) remove.mutate(undefined, { onSuccess: () => router.push("/connectors") });
      }}
    >
      <p>
        Watchpost stops syncing this organization and deletes everything it stored for this connector: its{" "}
        <strong>{formatCount(connector.stats.activitiesStored)} stored activities</strong>, its alerts and governance log, and the users, domains and
        policies synced from it. This cannot be undone. The portal audit log keeps a record of how many were deleted.
      </p>
      <p>Nothing changes in Atlassian. The API key stays valid there until you revoke it in admin.atlassian.com.</p>
      <TextField
        label={`Type “${connector.name}” to confirm`}
        name="confirmName"
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      {remove.isError ? <Alert tone="error">{remove.error.message}</Alert> : null}
    </ConfirmDialog>
  );
}
