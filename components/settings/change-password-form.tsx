"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyProblem, formErrorOf, hasFieldErrors } from "@/lib/client/forms";
import { useChangeOwnPassword } from "@/lib/client/hooks/use-settings-mutations";
import { ZChangePasswordInput } from "@/lib/shared/schemas/users";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { NewPasswordField } from "../auth/new-password-field";
import { TextField } from "../ui/field";

/** The confirmation is the form's own; only when it matches is the shared schema checked (and `confirm` dropped). */
const ZChangePasswordForm = z
  .object({ currentPassword: z.string(), newPassword: z.string(), confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { message: "Passwords do not match", path: ["confirm"] })
  .transform(({ currentPassword, newPassword }) => ({ currentPassword, newPassword }))
  .pipe(ZChangePasswordInput);

/** The caller's own password; with a temporary one, the portal opens once it is changed. */
export function ChangePasswordForm({ isTemporary }: Readonly<{ isTemporary: boolean }>) {
  const router = useRouter();
  const [isDone, setIsDone] = useState(false);
  const mutation = useChangeOwnPassword();
  // No defaultValues: the form is server-rendered, and registering reads what was typed before hydration (a default would overwrite it).
  const { register, handleSubmit, reset, setError, formState } = useForm({ resolver: zodResolver(ZChangePasswordForm) });
  const { errors } = formState;
  const formError = formErrorOf(errors);

  const onSubmit = handleSubmit(
    (input) => {
      setIsDone(false);
      mutation.mutate(input, {
        onSuccess: () => {
          reset();
          setIsDone(true);
          // The portal was closed until now: on to the dashboard, with the server components read afresh.
          if (isTemporary) {
            router.replace("/");
            router.refresh();
          }
        },
        onError: (error) => applyProblem(setError, error),
      });
    },
    () => setIsDone(false),
  );

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="max-w-md space-y-4" aria-label="Change password">
      {isTemporary && !isDone ? <Alert tone="info">An admin set a temporary password for you. Choose your own password to continue.</Alert> : null}
      {formError && !hasFieldErrors(errors) ? <Alert tone="error">{formError}</Alert> : null}
      {isDone ? <Alert tone="success">Your password was changed. Your other sessions were signed out.</Alert> : null}
      <TextField label="Current password" type="password" autoComplete="current-password" required error={errors.currentPassword?.message} {...register("currentPassword")} />
      <NewPasswordField label="New password" error={errors.newPassword?.message} {...register("newPassword")} />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" required error={errors.confirm?.message} {...register("confirm")} />
      <Button type="submit" isBusy={mutation.isPending}>
        Change password
      </Button>
    </form>
  );
}
