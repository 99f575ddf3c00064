"use client";

import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { formatCount, formatDate } from "../ui/format";
import { ActivityOverTimeChart } from "./activity-over-time-chart";
import { FAILED_COLOR, productLabel } from "./chart-colors";
import { ChartFigure } from "./chart-figure";
import { FailedLoginsChart } from "./failed-logins-chart";
import { RankedChartFigure } from "./ranked-chart-figure";
import { SrDataTable } from "./sr-data-table";
import { bucketLabel } from "./time-format";
import { TopUsersFigure } from "./top-users-figure";

const dayText = (day: string) => formatDate(`${day}T12:00:00Z`);

/** The five charts of the dashboard, each a captioned figure with its numbers in a table for screen readers. */
export function DashboardCharts({ dto, rangeLabel }: Readonly<{ dto: TDashboardDto; rangeLabel: string }>) {
  const per = dto.bucket === "hour" ? "hour" : "UTC day";
  const dailyPeriod = `whole UTC days since ${dayText(dto.dailyFrom)}`;
  const countries = dto.topCountries.map((c) => ({ key: c.countryCode ?? "unknown", label: c.name, value: c.count }));
  const policies = dto.alertsByPolicy.map((p) => ({ key: p.policyKey, label: p.policyName, value: p.count }));
  const totalsByProduct = dto.products.map((p) => [productLabel(p), dto.activityOverTime.reduce((a, b) => a + (b.counts[p] ?? 0), 0)] as const);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className="lg:col-span-2">
        <ChartFigure
          title="Activities over time"
          testId="chart-activities"
          isEmpty={dto.kpis.activities === 0}
          emptyText="No activities in this range yet."
          caption={`Activities per ${per}, stacked by product, ${rangeLabel.toLowerCase()}: ${formatCount(dto.kpis.activities)} in all.`}
        >
          <ActivityOverTimeChart dto={dto} />
          <SrDataTable caption="Activities by product" columns={["Product", "Activities"]} rows={totalsByProduct} />
        </ChartFigure>
      </div>
      <ChartFigure
        title="Failed logins over time"
        testId="chart-failed-logins"
        isEmpty={dto.kpis.failedLogins === 0}
        emptyText="No failed logins in this range."
        caption={`Failed logins (Login failed) per ${per}, ${rangeLabel.toLowerCase()}: ${formatCount(dto.kpis.failedLogins)} in all.`}
      >
        <FailedLoginsChart dto={dto} />
        <SrDataTable
          caption="Failed logins per period"
          columns={["Period", "Failed logins"]}
          rows={dto.failedLoginsOverTime.filter((p) => p.count > 0).map((p) => [bucketLabel(p.t, dto.bucket), p.count] as const)}
        />
      </ChartFigure>
      <TopUsersFigure dto={dto} dailyPeriod={dailyPeriod} />
      <RankedChartFigure
        title="Top countries"
        testId="chart-top-countries"
        emptyText="No located activity in this range."
        caption={`Activities by the country of their IP address, ${dailyPeriod}.`}
        data={countries}
        color="#14b8a6"
        itemLabel="Country"
        valueLabel="Activities"
      />
      <RankedChartFigure
        title="Alerts by policy"
        testId="chart-alerts-by-policy"
        emptyText="No alerts raised in this range."
        caption={`Alerts raised per detection policy, ${rangeLabel.toLowerCase()}.`}
        data={policies}
        color={FAILED_COLOR}
        itemLabel="Policy"
        valueLabel="Alerts"
      />
    </div>
  );
}
