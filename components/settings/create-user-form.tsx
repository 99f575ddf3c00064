"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldErrorsOf } from "@/lib/client/form-errors";
import { ApiError, apiFetch } from "@/lib/client/api-client";
import { userKeys } from "@/lib/client/queries/settings";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/shared/roles";
import { PASSWORD_MIN, ZCreateUserInput, type TCreateUserInput, type TUserDto } from "@/lib/shared/schemas/users";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";

export function CreateUserForm() {
  const queryClient = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<string>();
  const mutation = useMutation({
    mutationFn: (input: TCreateUserInput) => apiFetch<TUserDto>("/api/v1/portal-users", { method: "POST", json: input }),
    onSuccess: (user) => {
      setCreated(`${user.email} was created as ${user.role}.`);
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: (error) => error instanceof ApiError && setFieldErrors(error.fieldErrors()),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setCreated(undefined);
    const parsed = ZCreateUserInput.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      setFieldErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setFieldErrors({});
    mutation.mutate(parsed.data, { onSuccess: () => formElement.reset() });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Create user">
      {mutation.isError ? (
        <div className="sm:col-span-2">
          <Alert tone="error">{mutation.error.message}</Alert>
        </div>
      ) : null}
      {created ? (
        <div className="sm:col-span-2">
          <Alert tone="success">{created}</Alert>
        </div>
      ) : null}
      <TextField label="Name" name="name" autoComplete="off" required error={fieldErrors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="off" required error={fieldErrors.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN} characters; share it with the user securely`}
        error={fieldErrors.password}
      />
      <SelectField label="Role" name="role" defaultValue="viewer" error={fieldErrors.role}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {role} – {ROLE_DESCRIPTIONS[role]}
          </option>
        ))}
      </SelectField>
      <div className="sm:col-span-2">
        <Button type="submit" isBusy={mutation.isPending}>
          Create user
        </Button>
      </div>
    </form>
  );
}
