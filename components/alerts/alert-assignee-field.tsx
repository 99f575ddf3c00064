"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { alertAssigneesQuery } from "@/lib/client/queries/alerts";
import type { TPortalUserRef } from "@/lib/shared/schemas/alerts";
import { Button } from "../ui/button";

type Props = Readonly<{
  assignee: TPortalUserRef | null;
  currentUserId: string;
  isBusy: boolean;
  onAssign: (assigneeId: string | null) => void;
}>;

const CONTROL = "min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
const NONE = "__none";

/** "Assignee" picker (analysts and admins; "Unassigned" clears it) and "Assign to me". */
export function AlertAssigneeField({ assignee, currentUserId, isBusy, onAssign }: Props) {
  const id = useId();
  const assignees = useQuery(alertAssigneesQuery());
  const options = assignees.data ?? [];
  const isListed = assignee === null || options.some((a) => a.id === assignee.id);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        Assignee
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <select id={id} className={CONTROL} value={assignee?.id ?? NONE} disabled={isBusy} onChange={(e) => onAssign(e.target.value === NONE ? null : e.target.value)}>
          <option value={NONE}>Unassigned</option>
          {!isListed && assignee ? <option value={assignee.id}>{assignee.name}</option> : null}
          {options.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
        </select>
        {assignee?.id !== currentUserId ? (
          <Button variant="secondary" disabled={isBusy} onClick={() => onAssign(currentUserId)}>
            Assign to me
          </Button>
        ) : null}
      </div>
    </div>
  );
}
