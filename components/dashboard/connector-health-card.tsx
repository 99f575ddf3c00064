import Link from "next/link";
import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { LAG_LIMIT_SECONDS } from "@/lib/shared/schemas/health";
import { ConnectorStatusBadge } from "../connectors/connector-status-badge";
import { Card } from "../ui/card";
import { formatCount, formatDuration } from "../ui/format";

type Props = Readonly<{ connectors: TDashboardDto["connectors"]; processingLag: TDashboardDto["processingLag"] }>;

const LAG_FIGURES = [
  { key: "detectionSeconds", label: "Detection", what: "activity", testId: "lag-detection" },
  { key: "governanceSeconds", label: "Governance actions", what: "action", testId: "lag-governance" },
  { key: "notificationSeconds", label: "Notifications", what: "delivery", testId: "lag-notifications" },
] as const;

/** How long the oldest waiting item of each stage has waited: "none pending", or its age (red over the limit). */
function LagFigures({ lag }: Readonly<{ lag: Props["processingLag"] }>) {
  return (
    <dl className="mb-3 grid grid-cols-1 gap-3 rounded-md bg-slate-50 px-3 py-2 sm:grid-cols-3 dark:bg-slate-800/50">
      {LAG_FIGURES.map((figure) => {
        const seconds = lag[figure.key];
        const isOver = seconds > LAG_LIMIT_SECONDS;
        return (
          <div key={figure.key}>
            <dt className="text-xs text-slate-500 dark:text-slate-400">{figure.label}</dt>
            <dd data-testid={figure.testId} className={`text-sm tabular-nums ${isOver ? "font-semibold text-red-700 dark:text-red-300" : ""}`}>
              {seconds === 0 ? "none pending" : `oldest ${figure.what} waiting ${formatDuration(seconds)}`}
              {isOver ? ` (over ${LAG_LIMIT_SECONDS} s)` : ""}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** Each connector's status and sync lag, linking to its page, under how long work waits for the worker. */
export function ConnectorHealthCard({ connectors, processingLag }: Props) {
  return (
    <Card
      title="Connector health"
      description={`Status and sync lag of each connector, and how long the oldest work waits for the worker (over ${LAG_LIMIT_SECONDS} s marks health degraded).`}
    >
      <LagFigures lag={processingLag} />
      {connectors.length === 0 ? (
        <p className="text-sm text-slate-500">
          No connector yet. <Link className="text-brand-600 underline dark:text-sky-300" href="/connectors">Connect an Atlassian organization</Link> to see activity here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {connectors.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <Link href={`/connectors/${c.id}`} className="min-w-0 truncate font-medium text-brand-600 hover:underline dark:text-sky-300">
                {c.name}
              </Link>
              <span className="flex shrink-0 items-center gap-2">
                {c.eventsQuarantined > 0 ? (
                  // Never hidden: a quarantined event may be part of an attack that detection did not see.
                  <Link
                    href={`/connectors/${c.id}`}
                    data-testid="health-quarantined"
                    className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 tabular-nums dark:bg-amber-900/40 dark:text-amber-200"
                  >
                    {`${formatCount(c.eventsQuarantined)} quarantined`}
                  </Link>
                ) : null}
                <span className="text-xs text-slate-500 tabular-nums">{c.lagSeconds === null ? "—" : `sync lag ${formatDuration(c.lagSeconds)}`}</span>
                <ConnectorStatusBadge status={c.status} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
