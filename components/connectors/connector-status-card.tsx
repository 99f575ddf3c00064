import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { formatDateTime, formatRelative } from "../ui/format";
import { ConnectorStatusBadge } from "./connector-status-badge";
import { SyncProgress } from "./sync-progress";

type Props = Readonly<{ connector: TConnectorDto; now: Date; isAdmin: boolean; onRenewKey: () => void }>;

const SUMMARY: Record<TConnectorDto["status"], string> = {
  connecting: "Credentials verified; the worker starts the first sync within seconds.",
  syncing: "First sync in progress: reading the organization's audit log from the start of the backfill.",
  connected: "Up to date: new activity is collected within seconds of Atlassian processing it.",
  degraded: "Retrying after a temporary failure. Nothing is skipped: syncing resumes from the stored position.",
  error: "Syncing stopped: Atlassian refused the API key.",
  disabled: "Paused by an admin. Nothing is collected until it is enabled; it then resumes where it stopped, with no gap.",
};

export function ConnectorStatusCard({ connector, now, isAdmin, onRenewKey }: Props) {
  const { status } = connector;
  const isFailing = status === "degraded" || status === "error";
  return (
    <Card title="Status">
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <ConnectorStatusBadge status={status} />
          <p className="text-sm text-slate-600 dark:text-slate-400">{SUMMARY[status]}</p>
        </div>
        {status === "syncing" || status === "connecting" ? <SyncProgress connector={connector} now={now} /> : null}
        {isFailing && connector.statusDetail ? (
          <div
            className={`rounded-md border px-3 py-2 text-sm ${
              status === "error"
                ? "border-red-300 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
                : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
            }`}
          >
            <p>
              <span className="font-medium">Last error: </span>
              {connector.statusDetail}
            </p>
            {connector.nextRetryAt ? (
              <p className="mt-1" title={formatDateTime(connector.nextRetryAt)}>
                {new Date(connector.nextRetryAt) > now
                  ? `Next retry ${formatRelative(connector.nextRetryAt, now)} (${formatDateTime(connector.nextRetryAt)}).`
                  : "Retrying now."}
              </p>
            ) : null}
          </div>
        ) : null}
        {status === "error" ? (
          isAdmin ? (
            <Button variant="primary" onClick={onRenewKey}>
              Renew the API key
            </Button>
          ) : (
            <p className="text-sm font-medium">Ask an admin to renew the API key.</p>
          )
        ) : null}
        {status === "disabled" && connector.statusDetail ? <p className="text-sm text-slate-500 dark:text-slate-400">{connector.statusDetail}</p> : null}
      </div>
    </Card>
  );
}
