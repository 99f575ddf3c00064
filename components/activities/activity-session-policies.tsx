import Link from "next/link";
import type { TActivityDetail } from "@/lib/shared/schemas/activities";
import { Badge } from "../ui/badge";

type Props = Readonly<{ outcome: TActivityDetail["sessionOutcome"]; policies: TActivityDetail["sessionPolicies"] }>;

/** The session policies that matched a proxied request, in evaluation order, each linking to its policy. */
export function ActivitySessionPolicies({ outcome, policies }: Props) {
  return (
    <section aria-label="Session policies" className="space-y-2">
      <h3 className="font-medium">
        Session policies {outcome ? <Badge tone={outcome === "blocked" ? "red" : "amber"}>{outcome}</Badge> : null}
      </h3>
      <ul className="space-y-1 text-sm">
        {policies.map((p) => (
          <li key={p.id}>
            {p.name === null ? (
              <span className="text-slate-500">A deleted policy ({p.id})</span>
            ) : (
              <Link className="text-brand-600 underline" href={`/policies/session/${p.id}`}>
                {p.name}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
