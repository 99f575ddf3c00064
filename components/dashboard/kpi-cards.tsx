import Link from "next/link";
import type { ReactNode } from "react";
import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { formatCount } from "../ui/format";

type Kpi = Readonly<{ label: string; value: string; detail: ReactNode; testId: string; href?: string }>;

function KpiCard({ kpi }: Readonly<{ kpi: Kpi }>) {
  const body = (
    <>
      <dt className="text-sm text-slate-500 dark:text-slate-400">{kpi.label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={kpi.testId}>
        {kpi.value}
      </dd>
      <dd className="mt-1 text-xs text-slate-500 dark:text-slate-400">{kpi.detail}</dd>
    </>
  );
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs dark:border-slate-800 dark:bg-slate-900">
      {kpi.href ? (
        <Link href={kpi.href} className="block hover:opacity-80">
          <dl>{body}</dl>
        </Link>
      ) : (
        <dl>{body}</dl>
      )}
    </div>
  );
}

const formatPoints = (points: number) => (Math.round(points * 100) / 100).toString();

/** The headline figures of the range: activities, failed logins, active users, open alerts, connector health. */
export function KpiCards({ dto, rangeLabel }: Readonly<{ dto: TDashboardDto; rangeLabel: string }>) {
  const { kpis } = dto;
  const alerts = kpis.openAlerts;
  const items: Kpi[] = [
    { label: "Activities", value: formatCount(kpis.activities), detail: `${rangeLabel}; ${formatCount(kpis.activitiesLast24h)} in the last 24 h`, testId: "kpi-activities" },
    { label: "Failed logins", value: formatCount(kpis.failedLogins), detail: rangeLabel, testId: "kpi-failed-logins" },
    { label: "Active users", value: formatCount(kpis.activeUsers), detail: "Accounts with activity in the range", testId: "kpi-active-users", href: "/users" },
    {
      label: "Open alerts",
      value: formatCount(alerts.total),
      detail: (
        <>
          <span className="text-red-700 dark:text-red-300">{formatCount(alerts.high)} high</span> · <span className="text-amber-700 dark:text-amber-300">{formatCount(alerts.medium)} medium</span> ·{" "}
          {formatCount(alerts.low)} low
        </>
      ),
      testId: "kpi-open-alerts",
      href: "/alerts",
    },
    {
      label: "Connectors healthy",
      value: `${kpis.connectors.healthy} / ${kpis.connectors.total}`,
      detail: kpis.connectors.attention ? `${kpis.connectors.attention} need attention` : kpis.connectors.total ? "All syncing normally" : "None connected yet",
      testId: "kpi-connectors",
      href: "/connectors",
    },
    {
      label: "Secure score",
      value: kpis.secureScore ? `${kpis.secureScore.score}%` : "–",
      detail: kpis.secureScore
        ? `${formatPoints(kpis.secureScore.pointsEarned)} of ${formatPoints(kpis.secureScore.pointsPossible)} points${kpis.secureScore.orgs > 1 ? ` over ${kpis.secureScore.orgs} orgs` : ""}`
        : "Not evaluated yet",
      testId: "kpi-secure-score",
      href: "/posture",
    },
  ];
  return (
    <section aria-label="Key figures" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
      {items.map((kpi) => (
        <KpiCard key={kpi.label} kpi={kpi} />
      ))}
    </section>
  );
}
