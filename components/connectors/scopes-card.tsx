"use client";

import { useCheckConnectorScopes } from "@/lib/client/hooks/use-connector-mutations";
import { featureAvailability } from "@/lib/shared/atlassian-scopes";
import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { formatDate } from "../ui/format";

type Props = Readonly<{ connector: TConnectorDto; isAdmin: boolean }>;

const Scope = ({ children }: Readonly<{ children: string }>) => <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">{children}</code>;

/**
 * What the API key lets Watchpost do: each feature with the scopes it needs, available or not (with the scope
 * missing), as probed at connect, rotation or "Re-check scopes". A classic key without scopes has them all.
 */
export function ScopesCard({ connector, isAdmin }: Props) {
  const recheck = useCheckConnectorScopes(connector.id);
  const features = featureAvailability(connector.missingScopes);
  const checkedAt = connector.scopesCheckedAt;
  return (
    <Card
      title="Features and API key scopes"
      description={`Atlassian API keys with scopes only allow what their scopes say; a key without scopes allows everything. ${
        checkedAt ? `Checked ${formatDate(checkedAt)}.` : "Not checked yet: the key was stored before Watchpost checked scopes."
      }`}
    >
      <div className="space-y-4">
        <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-label="Features">
          {features.map((f) => (
            <li key={f.feature} data-testid={`feature-${f.feature}`} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span>
                {f.label}
                <span className="ml-2 inline-flex flex-wrap gap-1">
                  {f.scopes.map((scope) => (
                    <Scope key={scope}>{scope}</Scope>
                  ))}
                </span>
              </span>
              {f.isAvailable ? <Badge tone="green">Available</Badge> : <Badge tone="amber">Unavailable: missing {f.missingScopes.join(", ")}</Badge>}
            </li>
          ))}
        </ul>
        {recheck.error ? <Alert tone="error">{recheck.error.message}</Alert> : null}
        {isAdmin ? (
          <Button variant="secondary" disabled={recheck.isPending} onClick={() => recheck.mutate()}>
            {recheck.isPending ? "Checking…" : "Re-check scopes"}
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
