import type { THealth } from "@/lib/shared/schemas/health";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";

type Props = Readonly<{ health: Pick<THealth, "status" | "database" | "migrations" | "worker"> }>;

const formatAge = (seconds: number | null) => (seconds === null ? "never seen" : seconds < 90 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`);

export function SystemHealthCard({ health }: Props) {
  const rows = [
    { label: "Database", ok: health.database.reachable, value: health.database.reachable ? "Reachable" : "Unreachable" },
    {
      label: "Migrations",
      ok: health.migrations.applied,
      value: health.migrations.applied ? "Up to date" : `${health.migrations.pending.length} pending, ${health.migrations.failed.length} failed`,
    },
    { label: "Worker heartbeat", ok: health.worker.healthy, value: formatAge(health.worker.heartbeatAgeSeconds) },
  ];
  return (
    <Card title="System health" description="Also available without sign-in at /api/v1/health for monitoring.">
      <dl className="divide-y divide-slate-200 dark:divide-slate-800">
        {rows.map((row) => (
          <div key={row.label} className="flex items-center justify-between py-2 text-sm">
            <dt className="text-slate-600 dark:text-slate-400">{row.label}</dt>
            <dd className="flex items-center gap-2">
              <span>{row.value}</span>
              <Badge tone={row.ok ? "green" : "red"}>{row.ok ? "OK" : "Problem"}</Badge>
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
