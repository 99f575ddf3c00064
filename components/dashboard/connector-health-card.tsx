import Link from "next/link";
import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { ConnectorStatusBadge } from "../connectors/connector-status-badge";
import { Card } from "../ui/card";
import { formatDuration } from "../ui/format";

/** Each connector's status and sync lag, linking to its page. */
export function ConnectorHealthCard({ connectors }: Readonly<{ connectors: TDashboardDto["connectors"] }>) {
  return (
    <Card title="Connector health" description="Status and how far each connector's activities lag behind.">
      {connectors.length === 0 ? (
        <p className="text-sm text-slate-500">
          No connector yet. <Link className="text-brand-600 underline" href="/connectors">Connect an Atlassian organization</Link> to see activity here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {connectors.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <Link href={`/connectors/${c.id}`} className="min-w-0 truncate font-medium text-brand-600 hover:underline dark:text-sky-300">
                {c.name}
              </Link>
              <span className="flex shrink-0 items-center gap-2">
                <span className="text-xs text-slate-500 tabular-nums">{c.lagSeconds === null ? "—" : `lag ${formatDuration(c.lagSeconds)}`}</span>
                <ConnectorStatusBadge status={c.status} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
