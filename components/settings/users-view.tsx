"use client";

import { useQuery } from "@tanstack/react-query";
import { usersQuery } from "@/lib/client/queries/settings";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { CreateUserForm } from "./create-user-form";
import { UsersTable } from "./users-table";

export function UsersView({ currentUserId }: Readonly<{ currentUserId: string }>) {
  const users = useQuery(usersQuery());
  return (
    <div className="space-y-6">
      <Card title="Add a user" description="Admins manage everything, analysts triage alerts and run governance actions, viewers read.">
        <CreateUserForm />
      </Card>
      <Card title="Users" description={users.data ? `${users.data.length} user(s)` : undefined}>
        <QueryState isPending={users.isPending} error={users.error} onRetry={() => void users.refetch()}>
          <UsersTable users={users.data ?? []} currentUserId={currentUserId} />
        </QueryState>
      </Card>
    </div>
  );
}
