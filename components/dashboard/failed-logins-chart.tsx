"use client";

import { Bar } from "recharts";
import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { FAILED_COLOR } from "./chart-colors";
import { TimeBarChart } from "./time-bar-chart";

/** Failed logins (user_login_failed) per bucket. */
export function FailedLoginsChart({ dto }: Readonly<{ dto: TDashboardDto }>) {
  return (
    <TimeBarChart dto={dto} data={dto.failedLoginsOverTime} yAxisWidth={48}>
      <Bar dataKey="count" name="Failed logins" fill={FAILED_COLOR} isAnimationActive={false} />
    </TimeBarChart>
  );
}
