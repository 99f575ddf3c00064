"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSetConnectorEnabled, useSyncConnector } from "@/lib/client/hooks/use-connector-mutations";
import { connectorQuery } from "@/lib/client/queries/connectors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { DeleteConnectorDialog } from "./delete-connector-dialog";

/** Admin actions in the page header: Sync now, Disable/Enable, Delete (confirmed). */
export function ConnectorActions({ connectorId }: Readonly<{ connectorId: string }>) {
  const { data: connector } = useQuery(connectorQuery(connectorId));
  const sync = useSyncConnector(connectorId);
  const setEnabled = useSetConnectorEnabled(connectorId);
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  if (!connector) return null;
  const isDisabled = connector.status === "disabled";
  // The worker skips a connector in Error until its key is renewed, so Sync now would do nothing.
  const syncBlocker = isDisabled ? "Enable the connector to sync" : connector.status === "error" ? "Renew the API key to sync" : undefined;
  const error = sync.error ?? setEnabled.error;
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          isBusy={sync.isPending}
          disabled={Boolean(syncBlocker)}
          title={syncBlocker}
          onClick={() => {
            setEnabled.reset();
            sync.mutate();
          }}
        >
          Sync now
        </Button>
        <Button
          variant="secondary"
          isBusy={setEnabled.isPending}
          onClick={() => {
            sync.reset();
            setEnabled.mutate(isDisabled);
          }}
        >
          {isDisabled ? "Enable" : "Disable"}
        </Button>
        <Button variant="danger" onClick={() => setIsDeleteOpen(true)}>
          Delete
        </Button>
      </div>
      {sync.isSuccess ? (
        <p role="status" className="text-xs text-slate-500 dark:text-slate-400">
          Sync requested: the worker polls within seconds.
        </p>
      ) : null}
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {isDeleteOpen ? <DeleteConnectorDialog connector={connector} onClose={() => setIsDeleteOpen(false)} /> : null}
    </div>
  );
}
