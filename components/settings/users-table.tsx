"use client";

import { useUpdateUser } from "@/lib/client/hooks/use-settings-mutations";
import { ROLES, type TRole } from "@/lib/shared/roles";
import type { TUserDto } from "@/lib/shared/schemas/users";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { formatDateTime } from "../ui/format";
import { DataTable } from "../ui/data-table";
import { UserSessionActions } from "./user-session-actions";

type Props = Readonly<{ users: TUserDto[]; currentUserId: string }>;

export function UsersTable({ users, currentUserId }: Props) {
  const mutation = useUpdateUser();
  return (
    <div className="space-y-3">
      {mutation.isError ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      <DataTable columns={[{ label: "Name" }, { label: "Email" }, { label: "Role" }, { label: "Status" }, { label: "Last sign-in" }, { label: "Actions", isLabelHidden: true }]}>
            {users.map((user) => (
              <tr key={user.id} data-testid={`user-row-${user.email}`}>
                <td className="py-2 pr-4 font-medium">
                  {user.name} {user.id === currentUserId ? <span className="text-xs text-slate-500">(you)</span> : null}
                </td>
                <td className="py-2 pr-4">{user.email}</td>
                <td className="py-2 pr-4">
                  <select
                    aria-label={`Role of ${user.email}`}
                    value={user.role}
                    disabled={mutation.isPending}
                    onChange={(e) => mutation.mutate({ id: user.id, input: { role: e.target.value as TRole } })}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="py-2 pr-4">
                  {user.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}{" "}
                  {user.mustChangePassword ? <Badge tone="amber">Must change password</Badge> : null}
                </td>
                <td className="py-2 pr-4 text-slate-600 dark:text-slate-400">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Never"}</td>
                <td className="py-2 text-right">
                  {user.id === currentUserId ? null : (
                    <div className="flex flex-wrap justify-end gap-2">
                      <UserSessionActions user={user} />
                      <Button
                        variant={user.disabled ? "secondary" : "danger"}
                        disabled={mutation.isPending}
                        aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
                        onClick={() => mutation.mutate({ id: user.id, input: { disabled: !user.disabled } })}
                      >
                        {user.disabled ? "Enable" : "Disable"}
                      </Button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
    </div>
  );
}
