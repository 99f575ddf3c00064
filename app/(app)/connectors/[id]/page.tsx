import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConnectorActions } from "@/components/connectors/connector-actions";
import { ConnectorDetailView } from "@/components/connectors/connector-detail-view";
import { BackLink } from "@/components/layout/back-link";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { orPageError } from "@/lib/server/http/page-errors";
import { getConnectorOrThrow } from "@/lib/server/services/connectors/get-connectors";
import { ZConnectorIdParams } from "@/lib/shared/schemas/connectors";

export const metadata: Metadata = { title: "Connector" };

type Props = Readonly<{ params: Promise<{ id: string }> }>;

export default async function ConnectorPage({ params }: Props) {
  const { id } = await params;
  const principal = await requirePageUser({ path: `/connectors/${id}` });
  const parsed = ZConnectorIdParams.safeParse({ id });
  if (!parsed.success) notFound();
  const connector = await orPageError(getConnectorOrThrow(parsed.data.id));
  const isAdmin = principal.role === "admin";
  return (
    <>
      <BackLink href="/connectors" label="All connectors" />
      <PageHeader
        title={connector.name}
        description={
          <>
            Atlassian organization <code className="font-mono text-xs">{connector.orgId}</code> via {connector.baseUrl}
          </>
        }
        actions={isAdmin ? <ConnectorActions connectorId={connector.id} /> : null}
      />
      <ConnectorDetailView
        connectorId={connector.id}
        isAdmin={isAdmin}
        canExportQuarantine={principal.role !== "viewer"}
      />
    </>
  );
}
