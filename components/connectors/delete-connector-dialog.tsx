"use client";

import { useRouter } from "next/navigation";
import { useDeleteConnector } from "@/lib/client/hooks/use-connector-mutations";
import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { Alert } from "../ui/alert";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { formatCount } from "../ui/format";

type Props = Readonly<{ connector: TConnectorDto; onClose: () => void }>;

/** Says exactly what goes with the connector before anything is deleted; then back to the list. */
export function DeleteConnectorDialog({ connector, onClose }: Props) {
  const router = useRouter();
  const remove = useDeleteConnector(connector.id);
  return (
    <ConfirmDialog
      title={`Delete “${connector.name}”?`}
      confirmLabel="Delete connector"
      isBusy={remove.isPending}
      onClose={onClose}
      onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push("/connectors") })}
    >
      <p>
        Watchpost stops syncing this organization and deletes everything it stored for this connector: its{" "}
        <strong>{formatCount(connector.stats.activitiesStored)} stored activities</strong>, and the users, domains and policies synced from it.
        This cannot be undone.
      </p>
      <p>Nothing changes in Atlassian. The API key stays valid there until you revoke it in admin.atlassian.com.</p>
      {remove.isError ? <Alert tone="error">{remove.error.message}</Alert> : null}
    </ConfirmDialog>
  );
}
