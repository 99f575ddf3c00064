"use client";

import { useQuery } from "@tanstack/react-query";
import { atlassianUserQuery } from "@/lib/client/queries/users";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { DescriptionList } from "../ui/description-list";
import { formatCount, formatDateTime } from "../ui/format";
import { UserGovernanceCard } from "../governance/user-governance-card";
import { QueryState } from "../ui/query-state";
import { UserAlertsCard } from "./user-alerts-card";
import { UserLocationsCard } from "./user-locations-card";
import { UserPriorityCard } from "./user-priority-card";
import { UserStatusBadge } from "./user-status-badge";
import { UserTimelineCard } from "./user-timeline-card";

/** /users/{id}: the account, its investigation priority, where it was seen from, its alerts, its activity and governance actions. */
export function UserDetailView({ userId, canAct = false }: Readonly<{ userId: string; canAct?: boolean }>) {
  const user = useQuery(atlassianUserQuery(userId));
  const u = user.data;
  return (
    <QueryState isPending={user.isPending} error={user.error} onRetry={() => void user.refetch()}>
      {u ? (
        <div className="space-y-6">
          <Card title="Account">
            <DescriptionList
              items={[
                { label: "Email", value: u.email ?? "—" },
                { label: "Account id", value: <code className="font-mono text-xs">{u.accountId}</code> },
                { label: "Connector", value: u.connectorName },
                { label: "Status", value: <UserStatusBadge status={u.status} />, testId: "user-status" },
                { label: "Org admin", value: u.isAdmin ? <Badge tone="brand">Yes</Badge> : "No", hint: u.platformRoles.length ? u.platformRoles.join(", ") : undefined },
                { label: "Last activity", value: u.lastActiveAt ? formatDateTime(u.lastActiveAt) : "Never" },
                { label: "Open alerts", value: formatCount(u.openAlerts), testId: "user-open-alerts" },
                { label: "Directory synced", value: formatDateTime(u.syncedAt) },
              ]}
            />
          </Card>
          <UserPriorityCard priority={u.priority} />
          <UserGovernanceCard user={u} canAct={canAct} />
          <UserLocationsCard user={u} />
          <UserAlertsCard alerts={u.alerts} />
          <UserTimelineCard userId={u.id} accountId={u.accountId} connectorId={u.connectorId} />
        </div>
      ) : null}
    </QueryState>
  );
}
