import type { TRecommendationDto } from "@/lib/shared/schemas/posture";
import { Card } from "../ui/card";

const MAX_USERS = 50;

/** The policies, users and other items (domains, keys, missing settings) a recommendation points at. */
export function AffectedCard({ affected }: Readonly<{ affected: TRecommendationDto["affected"] }>) {
  const { policies, users, items } = affected;
  const isEmpty = policies.length + users.length + items.length === 0;
  return (
    <Card title="Affected">
      {isEmpty ? (
        <p className="text-sm text-slate-500">Nothing is affected.</p>
      ) : (
        <div className="space-y-4 text-sm">
          {policies.length > 0 ? (
            <div>
              <h3 className="font-medium">Policies</h3>
              <ul aria-label="Affected policies" className="mt-1 list-disc pl-5">
                {policies.map((p) => (
                  <li key={p.id}>{p.name}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {items.length > 0 ? (
            <div>
              <h3 className="font-medium">Settings and resources</h3>
              <ul aria-label="Affected settings and resources" className="mt-1 list-disc pl-5">
                {items.map((i) => (
                  <li key={i.id}>{i.label}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {users.length > 0 ? (
            <div>
              <h3 className="font-medium">Users ({users.length})</h3>
              <ul aria-label="Affected users" className="mt-1 space-y-0.5">
                {users.slice(0, MAX_USERS).map((u) => (
                  <li key={u.accountId} className="break-words">
                    {u.name ?? u.accountId} <span className="text-slate-500">{u.email}</span>
                  </li>
                ))}
              </ul>
              {users.length > MAX_USERS ? <p className="mt-1 text-xs text-slate-500">and {users.length - MAX_USERS} more</p> : null}
            </div>
          ) : null}
        </div>
      )}
    </Card>
  );
}
