"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { fieldErrorsOf } from "@/lib/client/form-errors";
import { ApiError, apiFetch } from "@/lib/client/api-client";
import { PASSWORD_MIN, ZChangePasswordInput, type TChangePasswordInput, type TUserDto } from "@/lib/shared/schemas/users";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

/** The caller's own password; with a temporary one, the portal opens once it is changed. */
export function ChangePasswordForm({ isTemporary }: Readonly<{ isTemporary: boolean }>) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [isDone, setIsDone] = useState(false);
  const mutation = useMutation({
    mutationFn: (input: TChangePasswordInput) => apiFetch<TUserDto>("/api/v1/me/password", { method: "POST", json: input }),
    onSuccess: () => {
      setIsDone(true);
      // The portal was closed until now: on to the dashboard, with the server components read afresh.
      if (isTemporary) {
        router.replace("/");
        router.refresh();
      }
    },
    onError: (error) => error instanceof ApiError && setFieldErrors(error.fieldErrors()),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setIsDone(false);
    if (form.get("newPassword") !== form.get("confirm")) {
      setFieldErrors({ confirm: "Passwords do not match" });
      return;
    }
    const parsed = ZChangePasswordInput.safeParse({ currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setFieldErrors({});
    mutation.mutate(parsed.data, { onSuccess: () => formElement.reset() });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4" aria-label="Change password">
      {isTemporary && !isDone ? <Alert tone="info">An admin set a temporary password for you. Choose your own password to continue.</Alert> : null}
      {mutation.isError && !Object.keys(fieldErrors).length ? <Alert tone="error">{mutation.error.message}</Alert> : null}
      {isDone ? <Alert tone="success">Your password was changed. Your other sessions were signed out.</Alert> : null}
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={fieldErrors.currentPassword} />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN} characters`}
        error={fieldErrors.newPassword}
      />
      <TextField label="Confirm new password" name="confirm" type="password" autoComplete="new-password" required error={fieldErrors.confirm} />
      <Button type="submit" isBusy={mutation.isPending}>
        Change password
      </Button>
    </form>
  );
}
