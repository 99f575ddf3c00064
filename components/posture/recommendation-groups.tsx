import Link from "next/link";
import { CATEGORY_LABELS, POSTURE_CATEGORIES, STATE_LABELS, STATUS_LABELS, type TRecommendationDto } from "@/lib/shared/schemas/posture";
import { Badge } from "../ui/badge";
import { fractionText, pointsText, postureHref, STATUS_TONES } from "./posture-labels";

/** Recommendations grouped by category, each a link to its detail view. */
export function RecommendationGroups({ connectorId, recommendations }: Readonly<{ connectorId: string; recommendations: readonly TRecommendationDto[] }>) {
  const groups = POSTURE_CATEGORIES.map((c) => ({ category: c, items: recommendations.filter((r) => r.category === c) })).filter((g) => g.items.length > 0);
  if (groups.length === 0) return <p className="text-sm text-slate-500">No recommendation matches these filters.</p>;
  return (
    <div className="space-y-6">
      {groups.map((g) => (
        <section key={g.category} aria-labelledby={`cat-${g.category}`}>
          <h2 id={`cat-${g.category}`} className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500">
            {CATEGORY_LABELS[g.category]}
          </h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {g.items.map((r) => (
              <li key={r.key} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div className="min-w-0 flex-1">
                  <Link href={postureHref(connectorId, r.key)} className="font-medium text-brand-600 hover:underline dark:text-sky-300">
                    {r.title}
                  </Link>
                  <p className="text-xs text-slate-500">{r.summary}</p>
                  {r.drift ? (
                    <p className="text-xs text-red-700 dark:text-red-300">
                      Regressed {r.drift.events[0] ? `after ${r.drift.events[0].actionName ?? r.drift.events[0].action} by ${r.drift.events[0].actor.name ?? r.drift.events[0].actor.accountId}` : "(no matching audit event found)"}
                    </p>
                  ) : null}
                </div>
                <div className="flex flex-wrap items-center gap-2 text-xs">
                  <Badge tone={STATUS_TONES[r.status]}>{STATUS_LABELS[r.status]}</Badge>
                  {fractionText(r) ? <span className="text-slate-500">{fractionText(r)}</span> : null}
                  {r.state !== "active" ? <Badge tone="brand">{STATE_LABELS[r.state]}</Badge> : null}
                  <span className="w-32 text-right tabular-nums text-slate-600 dark:text-slate-300">{pointsText(r)}</span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
