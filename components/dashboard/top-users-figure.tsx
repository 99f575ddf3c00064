"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { topPriorityUsersQuery } from "@/lib/client/queries/users";
import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { BAR_COLOR, FAILED_COLOR } from "./chart-colors";
import { RankedChartFigure } from "./ranked-chart-figure";

type TRanking = "activity" | "priority";
const RANKINGS: readonly { value: TRanking; label: string }[] = [
  { value: "activity", label: "By activity" },
  { value: "priority", label: "By priority" },
];

/** Ranking toggle: two pressed/unpressed buttons (native keyboard access, state read by screen readers). */
function RankingToggle({ value, onChange }: Readonly<{ value: TRanking; onChange: (v: TRanking) => void }>) {
  return (
    <div role="group" aria-label="Rank top users" className="inline-flex rounded-md border border-slate-300 text-xs dark:border-slate-700">
      {RANKINGS.map((r) => (
        <button
          key={r.value}
          type="button"
          aria-pressed={value === r.value}
          onClick={() => onChange(r.value)}
          className={`px-2.5 py-1 first:rounded-l-md last:rounded-r-md focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 ${
            value === r.value ? "bg-brand-600 font-semibold text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
          }`}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}

/** Top users of the dashboard: most active in the range, or highest investigation priority now. */
export function TopUsersFigure({ dto, dailyPeriod }: Readonly<{ dto: TDashboardDto; dailyPeriod: string }>) {
  const router = useRouter();
  const [ranking, setRanking] = useState<TRanking>("activity");
  const priority = useQuery({ ...topPriorityUsersQuery(), enabled: ranking === "priority" });
  const toggle = <RankingToggle value={ranking} onChange={setRanking} />;
  const onSelect = (d: { href?: string | null }) => (d.href ? router.push(d.href) : undefined);
  if (ranking === "priority") {
    const data = (priority.data?.data ?? [])
      .filter((u) => u.priority.score > 0)
      .map((u) => ({ key: u.id, label: u.name ?? u.email ?? u.accountId, value: u.priority.score, href: `/users/${u.id}` }));
    return (
      <RankedChartFigure
        title="Top users"
        testId="chart-top-users"
        emptyText={priority.isPending ? "Loading…" : priority.error ? "Could not load priorities." : "No user has alerts or unusual activity in the last 7 days."}
        caption={`The ${data.length} accounts of highest investigation priority now (last 7 days, every connector). Select a bar to open the user.`}
        data={data}
        color={FAILED_COLOR}
        itemLabel="User"
        valueLabel="Priority"
        onSelect={onSelect}
        actions={toggle}
      />
    );
  }
  const users = dto.topUsers.map((u) => ({ key: `${u.connectorId}:${u.actorId}`, label: u.name ?? u.email ?? u.actorId, value: u.count, href: u.userId ? `/users/${u.userId}` : null }));
  return (
    <RankedChartFigure
      title="Top users"
      testId="chart-top-users"
      emptyText="No user activity in this range."
      caption={`The ${users.length} most active accounts, ${dailyPeriod}. Select a bar to open the user.`}
      data={users}
      color={BAR_COLOR}
      itemLabel="User"
      valueLabel="Activities"
      onSelect={onSelect}
      actions={toggle}
    />
  );
}
