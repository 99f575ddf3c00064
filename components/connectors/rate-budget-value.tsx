import type { TRateBudgetDto } from "@/lib/shared/schemas/connectors";
import { formatCount, formatRelative } from "../ui/format";

type Props = Readonly<{ budget: TRateBudgetDto; now: Date }>;

const SOURCE_LABEL: Record<TRateBudgetDto["source"], string> = { server: "from the server", lowered: "lowered after a 429", default: "default" };

/** "48 / 50 a minute · from the server · 2 left, resets in 40 s", or "0 / 50 a minute · default". */
export function RateBudgetValue({ budget, now }: Props) {
  const window = budget.remaining !== null && budget.resetAt ? ` · ${formatCount(budget.remaining)} left, resets ${formatRelative(budget.resetAt, now)}` : "";
  return (
    <span data-testid={`rate-budget-${budget.family}`} data-source={budget.source}>
      {`${formatCount(budget.requestsLastMinute)} / ${formatCount(budget.perMinute)} a minute`}
      <span className="block text-xs font-normal text-slate-500">{`${SOURCE_LABEL[budget.source]}${window}`}</span>
    </span>
  );
}
