import Link from "next/link";
import type { TUserPriority } from "@/lib/shared/schemas/atlassian-users";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { formatCount, formatDateTime } from "../ui/format";
import { PrioritySparkline } from "./priority-sparkline";

const LINK = "font-medium text-brand-600 hover:underline dark:text-sky-300";

/** The score, its 7-day trend and "What raised it": every alert and unusual activity behind the points. */
export function UserPriorityCard({ priority }: Readonly<{ priority: TUserPriority }>) {
  const { score, trend, contributions, computedAt } = priority;
  return (
    <Card
      title="Investigation priority"
      description="Alerts and unusual activity of the last 7 days, weighted by severity, rarity in the organization and age (docs/detections.md)."
    >
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-4">
          <p className="text-3xl font-semibold tabular-nums" data-testid="priority-score">
            {formatCount(score)}
            <span className="sr-only"> points</span>
          </p>
          <PrioritySparkline trend={trend} />
          <p className="text-xs text-slate-500 dark:text-slate-400">{computedAt ? `Computed ${formatDateTime(computedAt)}` : "Not computed yet"}</p>
        </div>
        <h3 className="text-sm font-semibold">What raised it</h3>
        {contributions.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">Nothing in the last 7 days: no alert and no unusual activity.</p>
        ) : (
          <DataTable columns={[{ label: "Reason" }, { label: "Kind" }, { label: "When" }, { label: "Points", className: "text-right" }]}>
            {contributions.map((c) => (
              <tr key={`${c.kind}:${c.id}`} data-testid="priority-contribution">
                <td className="py-2 pr-4">
                  <Link href={c.kind === "alert" ? `/alerts/${c.id}` : `/activities?activity=${encodeURIComponent(c.id)}`} className={LINK}>
                    {c.label}
                  </Link>
                </td>
                <td className="py-2 pr-4">{c.kind === "alert" ? <Badge tone="red">Alert</Badge> : <Badge tone="amber">Activity</Badge>}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(c.at)}</td>
                <td className="py-2 text-right font-semibold tabular-nums" data-testid="priority-points">
                  {formatCount(c.points)}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
    </Card>
  );
}
