"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ApiError } from "@/lib/client/api-client";
import { useNow } from "@/lib/client/hooks/use-now";
import { connectorQuery } from "@/lib/client/queries/connectors";
import { Alert } from "../ui/alert";
import { QueryState } from "../ui/query-state";
import { ApiKeyCard } from "./api-key-card";
import { ConnectorHistoryCard } from "./connector-history-card";
import { ConnectorStatsCard } from "./connector-stats-card";
import { ConnectorStatusCard } from "./connector-status-card";
import { QuarantineCard } from "./quarantine-card";
import { ScopesCard } from "./scopes-card";
import { SitesCard } from "./sites-card";
import { SyncHealthCard } from "./sync-health-card";

type Props = Readonly<{ connectorId: string; isAdmin: boolean; canExportQuarantine: boolean }>;

/** /connectors/[id]: polls the connector, so status, progress and counters move while the worker syncs. */
export function ConnectorDetailView({ connectorId, isAdmin, canExportQuarantine }: Props) {
  const query = useQuery(connectorQuery(connectorId));
  const now = useNow();
  const [isRotateOpen, setIsRotateOpen] = useState(false);
  const connector = query.data;
  if (query.error instanceof ApiError && query.error.status === 404) {
    return (
      <Alert tone="error">
        This connector no longer exists (another admin may have deleted it).{" "}
        <Link href="/connectors" className="underline">
          Back to the connectors
        </Link>
      </Alert>
    );
  }
  return (
    // A failed poll keeps the last data on screen rather than blanking the page.
    <QueryState isPending={query.isPending} error={connector ? null : query.error} onRetry={() => void query.refetch()}>
      {connector ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="lg:col-span-2">
            <ConnectorStatusCard connector={connector} now={now} isAdmin={isAdmin} onRenewKey={() => setIsRotateOpen(true)} />
          </div>
          <SyncHealthCard connector={connector} now={now} />
          <ConnectorStatsCard connector={connector} now={now} />
          <ApiKeyCard connector={connector} now={now} isAdmin={isAdmin} isRotateOpen={isRotateOpen} onRotateOpenChange={setIsRotateOpen} />
          <ConnectorHistoryCard connectorId={connectorId} />
          <div className="lg:col-span-2">
            <ScopesCard connector={connector} isAdmin={isAdmin} />
          </div>
          <div className="lg:col-span-2">
            <SitesCard connectorId={connectorId} isAdmin={isAdmin} />
          </div>
          <div className="lg:col-span-2">
            <QuarantineCard connectorId={connectorId} count={connector.stats.eventsQuarantined} canExport={canExportQuarantine} />
          </div>
        </div>
      ) : null}
    </QueryState>
  );
}
