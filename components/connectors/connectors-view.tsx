"use client";

import { useQuery } from "@tanstack/react-query";
import { connectorsQuery } from "@/lib/client/queries/connectors";
import { PageHeader } from "../layout/page-header";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { ConnectAppButton } from "./connect-app-button";
import { ConnectorsEmptyState } from "./connectors-empty-state";
import { ConnectorsTable } from "./connectors-table";

/** /connectors: polls so status changes made by the worker show without a reload. */
export function ConnectorsView({ isAdmin }: Readonly<{ isAdmin: boolean }>) {
  const connectors = useQuery(connectorsQuery());
  const isEmpty = connectors.data?.length === 0;
  return (
    <>
      <PageHeader
        title="Connectors"
        description="Apps whose activity Watchpost collects. Each connector syncs one Atlassian organization's audit log, users and policies."
        // The empty state carries its own button; one "Connect an app" per page.
        actions={isAdmin && connectors.data && !isEmpty ? <ConnectAppButton /> : null}
      />
      <QueryState isPending={connectors.isPending} error={connectors.error} onRetry={() => void connectors.refetch()}>
        {isEmpty ? (
          <ConnectorsEmptyState isAdmin={isAdmin} />
        ) : (
          <Card title="Connected apps" description={`${connectors.data?.length ?? 0} connector(s); refreshed every few seconds.`}>
            <ConnectorsTable connectors={connectors.data ?? []} />
          </Card>
        )}
      </QueryState>
    </>
  );
}
