"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyProblem, formErrorOf } from "@/lib/client/forms";
import { useSetTemporaryPassword, useSignOutUser } from "@/lib/client/hooks/use-settings-mutations";
import { PASSWORD_MIN, ZTemporaryPasswordInput, type TUserDto } from "@/lib/shared/schemas/users";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { TextField } from "../ui/field";

type Dialog = "sign-out" | "password" | null;

/** An admin's session actions on one portal user: sign out everywhere, set a temporary password. */
export function UserSessionActions({ user }: Readonly<{ user: TUserDto }>) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState<string>();
  const form = useForm({ resolver: zodResolver(ZTemporaryPasswordInput), defaultValues: { temporaryPassword: "" } });
  const { errors } = form.formState;
  // The dialog has one field: what the server says shows under it, whether or not it names the field.
  const passwordError = errors.temporaryPassword?.message ?? formErrorOf(errors);
  const close = () => {
    setDialog(null);
    form.reset();
  };
  const signOut = useSignOutUser(user.id);
  const reset = useSetTemporaryPassword(user.id);
  const onSignOut = () =>
    signOut.mutate(undefined, {
      onSuccess: () => {
        close();
        setDone(`${user.email} was signed out everywhere.`);
      },
    });
  const onReset = form.handleSubmit(({ temporaryPassword }) =>
    reset.mutate(temporaryPassword, {
      onSuccess: () => {
        close();
        setDone(`${user.email} has a temporary password and must change it at next sign-in.`);
      },
      onError: (error) => applyProblem(form.setError, error),
    }),
  );

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
        <ConfirmDialog title={`Sign out ${user.email} everywhere?`} confirmLabel="Sign out everywhere" isBusy={signOut.isPending} onConfirm={onSignOut} onClose={close}>
          <p>Every browser session of this user ends at its next request. Their API tokens keep working: revoke them in Settings → API tokens.</p>
          {signOut.isError ? <Alert tone="error">{signOut.error.message}</Alert> : null}
        </ConfirmDialog>
      ) : null}
      {dialog === "password" ? (
        <ConfirmDialog title={`Set a temporary password for ${user.email}`} confirmLabel="Set temporary password" isBusy={reset.isPending} onConfirm={() => void onReset()} onClose={close}>
          <p>All their sessions end and their API tokens are revoked. After signing in with this password they must choose a new one.</p>
          <TextField
            label="Temporary password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN} characters; share it with the user securely`}
            error={passwordError}
            {...form.register("temporaryPassword")}
          />
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
