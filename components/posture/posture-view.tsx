"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { recommendationsQuery } from "@/lib/client/queries/posture";
import { missingScopesOf } from "@/lib/shared/atlassian-scopes";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { RecommendationFilters, type TPostureFilters } from "./recommendation-filters";
import { RecommendationGroups } from "./recommendation-groups";
import { ScoreCard } from "./score-card";

type Props = Readonly<{ connectors: readonly { id: string; name: string; missingScopes: readonly string[] }[]; isAdmin: boolean }>;

/** /posture: the chosen org's score with its trend and its recommendations, filtered through the URL. */
export function PostureView({ connectors, isAdmin }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const connectorId = connectors.some((c) => c.id === searchParams.get("connector")) ? (searchParams.get("connector") as string) : (connectors[0]?.id ?? "");
  const filters: TPostureFilters = { category: searchParams.get("category") ?? "", status: searchParams.get("status") ?? "", state: searchParams.get("state") ?? "" };
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(`${pathname}?${next.toString()}`);
  };
  const list = useQuery({ ...recommendationsQuery(connectorId), enabled: connectorId !== "" });
  const missingPolicyScopes = missingScopesOf("posture", connectors.find((c) => c.id === connectorId)?.missingScopes ?? []);

  if (connectors.length === 0) {
    return (
      <Card title="No organization connected">
        <p className="text-sm">
          Posture is evaluated for each connected Atlassian organization. <Link className="text-brand-600 underline dark:text-sky-300" href="/connectors">Connect one</Link> first.
        </p>
      </Card>
    );
  }
  const shown = (list.data ?? []).filter(
    (r) => (!filters.category || r.category === filters.category) && (!filters.status || r.status === filters.status) && (!filters.state || r.state === filters.state),
  );
  return (
    <div className="space-y-6">
      {connectors.length > 1 ? (
        <label className="flex items-center gap-2 text-sm">
          <span>Organization</span>
          <select className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900" value={connectorId} onChange={(e) => setParam("connector", e.target.value)}>
            {connectors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {missingPolicyScopes.length > 0 ? (
        <Alert tone="info">
          Policies unavailable: missing {missingPolicyScopes.join(", ")}. This organization&apos;s API key may not read its authentication and data
          security policies, so the recommendations that need them are not scored.{" "}
          <Link className="underline" href={`/connectors/${connectorId}`}>
            Rotate in a key with that scope
          </Link>
          .
        </Alert>
      ) : null}
      <ScoreCard key={connectorId} connectorId={connectorId} isAdmin={isAdmin} />
      <section aria-labelledby="recommendations-heading" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <h2 id="recommendations-heading" className="text-lg font-semibold">
            Recommendations
          </h2>
          <RecommendationFilters value={filters} onChange={setParam} />
        </div>
        <QueryState isPending={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
          <RecommendationGroups connectorId={connectorId} recommendations={shown} />
        </QueryState>
      </section>
    </div>
  );
}
