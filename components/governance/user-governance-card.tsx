"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { governanceLogQuery } from "@/lib/client/queries/governance";
import { Card } from "../ui/card";
import { LoadMore } from "../ui/load-more";
import { QueryState } from "../ui/query-state";
import { GovernanceActions } from "./governance-actions";
import { GovernanceLogTable } from "./governance-log-table";

type Props = Readonly<{
  user: Readonly<{ connectorId: string; connectorName: string; accountId: string; email: string | null; name: string | null; status: string }>;
  canAct: boolean;
}>;

/** The user page's "Governance actions" card: the action buttons (analysts, admins) and the governance actions taken on this account. */
export function UserGovernanceCard({ user, canAct }: Props) {
  const filters = { connectorId: user.connectorId, accountId: user.accountId };
  const log = useInfiniteQuery(governanceLogQuery(filters, 10));
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card
      title="Governance actions"
      description="Actions taken on this account through the Atlassian Admin API: notify, require sign-in again (revokes API tokens), suspend and unsuspend."
    >
      <div className="space-y-4">
        <GovernanceActions
          connectorId={user.connectorId}
          connectorName={user.connectorName}
          accountId={user.accountId}
          userLabel={user.email ?? user.name ?? user.accountId}
          userStatus={user.status}
          canAct={canAct}
        />
        <QueryState isPending={log.isPending} error={log.error} onRetry={() => void log.refetch()}>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-500">No governance actions have been taken on this account.</p>
          ) : (
            <GovernanceLogTable entries={rows} canAct={canAct} showUser={false} />
          )}
          <LoadMore query={log} className="" />
        </QueryState>
      </div>
    </Card>
  );
}
