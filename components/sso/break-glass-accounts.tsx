"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { messageOf } from "@/lib/client/forms";
import { useSetBreakGlass } from "@/lib/client/hooks/use-sso-mutations";
import { usersQuery } from "@/lib/client/queries/settings";
import type { TSsoSettingsDto } from "@/lib/shared/schemas/sso";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField } from "../ui/field";

/** Accounts that keep password sign-in while SSO is required: listed, added and removed here (each change audited). */
export function BreakGlassAccounts({ users }: Readonly<{ users: TSsoSettingsDto["breakGlassUsers"] }>) {
  const mutation = useSetBreakGlass();
  const portalUsers = useQuery(usersQuery());
  const [chosen, setChosen] = useState("");
  const candidates = (portalUsers.data ?? []).filter((u) => !users.some((b) => b.id === u.id));
  const error = mutation.error ? (messageOf(mutation.error) ?? (mutation.error as Error).message) : undefined;
  return (
    <div className="space-y-4">
      {users.length === 0 ? (
        <p className="text-sm text-slate-500">No break-glass account yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label="Break-glass accounts">
          {users.map((u) => (
            <li key={u.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm" data-testid={`break-glass-${u.email}`}>
              <span>
                {u.name} <span className="text-slate-500">{u.email}</span> · {u.role}
                {u.disabled ? " · disabled" : ""}
              </span>
              <Button type="button" variant="secondary" onClick={() => mutation.mutate({ userId: u.id, isBreakGlass: false })}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <SelectField label="Account" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Choose a user…</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.email} ({u.role})
            </option>
          ))}
        </SelectField>
        <Button type="button" disabled={!chosen} isBusy={mutation.isPending} onClick={() => mutation.mutate({ userId: chosen, isBreakGlass: true }, { onSuccess: () => setChosen("") })}>
          Mark as break-glass
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
