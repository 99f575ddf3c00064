"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, apiFetch } from "@/lib/client/api-client";
import { userKeys } from "@/lib/client/queries/settings";
import { PASSWORD_MIN, ZTemporaryPasswordInput, type TUserDto } from "@/lib/shared/schemas/users";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { TextField } from "../ui/field";

type Dialog = "sign-out" | "password" | null;

/** An admin's session actions on one portal user: sign out everywhere, set a temporary password. */
export function UserSessionActions({ user }: Readonly<{ user: TUserDto }>) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [temporaryPassword, setTemporaryPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string>();
  const [done, setDone] = useState<string>();
  const close = () => {
    setDialog(null);
    setTemporaryPassword("");
    setPasswordError(undefined);
  };
  const signOut = useMutation({
    mutationFn: () => apiFetch<TUserDto>(`/api/v1/portal-users/${user.id}/sign-out`, { method: "POST" }),
    onSuccess: () => {
      close();
      setDone(`${user.email} was signed out everywhere.`);
    },
  });
  const reset = useMutation({
    mutationFn: (temporaryPassword: string) => apiFetch<TUserDto>(`/api/v1/portal-users/${user.id}/password`, { method: "POST", json: { temporaryPassword } }),
    onSuccess: () => {
      close();
      setDone(`${user.email} has a temporary password and must change it at next sign-in.`);
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: (error) => setPasswordError(error instanceof ApiError ? (error.fieldErrors().temporaryPassword ?? error.message) : error.message),
  });
  const onReset = () => {
    const parsed = ZTemporaryPasswordInput.safeParse({ temporaryPassword });
    if (!parsed.success) return setPasswordError(parsed.error.issues[0]?.message);
    reset.mutate(parsed.data.temporaryPassword);
  };

  return (
    <div className="flex flex-wrap justify-end gap-2">
      {done ? <span role="status" className="self-center text-xs text-emerald-700 dark:text-emerald-300">{done}</span> : null}
      <Button variant="secondary" aria-label={`Sign out everywhere: ${user.email}`} onClick={() => setDialog("sign-out")}>
        Sign out everywhere
      </Button>
      <Button variant="secondary" aria-label={`Set temporary password: ${user.email}`} onClick={() => setDialog("password")}>
        Set temporary password
      </Button>
      {dialog === "sign-out" ? (
        <ConfirmDialog title={`Sign out ${user.email} everywhere?`} confirmLabel="Sign out everywhere" isBusy={signOut.isPending} onConfirm={() => signOut.mutate()} onClose={close}>
          <p>Every browser session of this user ends at its next request. Their API tokens keep working: revoke them in Settings → API tokens.</p>
          {signOut.isError ? <Alert tone="error">{signOut.error.message}</Alert> : null}
        </ConfirmDialog>
      ) : null}
      {dialog === "password" ? (
        <ConfirmDialog title={`Set a temporary password for ${user.email}`} confirmLabel="Set temporary password" isBusy={reset.isPending} onConfirm={onReset} onClose={close}>
          <p>All their sessions end and their API tokens are revoked. After signing in with this password they must choose a new one.</p>
          <TextField
            label="Temporary password"
            value={temporaryPassword}
            onChange={(event) => setTemporaryPassword(event.target.value)}
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN} characters; share it with the user securely`}
            error={passwordError}
          />
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
