"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useCreateUser } from "@/lib/client/hooks/use-settings-mutations";
import { applyProblem, formErrorOf, fieldErrorProps } from "@/lib/client/forms";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/shared/roles";
import { PASSWORD_MIN, ZCreateUserInput, type TCreateUserInput } from "@/lib/shared/schemas/users";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { NewPasswordField } from "../auth/new-password-field";
import { SelectField, TextField } from "../ui/field";

export function CreateUserForm() {
  const mutation = useCreateUser();
  const [created, setCreated] = useState<string>();
  // No defaultValues: the form is server-rendered, and registering reads what was typed before hydration (a default would overwrite it).
  const { register, handleSubmit, reset, setError, formState } = useForm({ resolver: zodResolver(ZCreateUserInput) });
  const { errors } = formState;
  const formError = formErrorOf(errors);

  const onSubmit = handleSubmit(
    (input: TCreateUserInput) => {
      setCreated(undefined);
      mutation.mutate(input, {
        onSuccess: (user) => {
          setCreated(`${user.email} was created as ${user.role}.`);
          reset();
        },
        onError: (error) => applyProblem(setError, error),
      });
    },
    () => setCreated(undefined),
  );

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Create user">
      {formError ? (
        <div className="sm:col-span-2">
          <Alert tone="error">{formError}</Alert>
        </div>
      ) : null}
      {created ? (
        <div className="sm:col-span-2">
          <Alert tone="success">{created}</Alert>
        </div>
      ) : null}
      <TextField label="Name" autoComplete="off" required {...fieldErrorProps(errors, "name")} {...register("name")} />
      <TextField label="Email" type="email" autoComplete="off" required {...fieldErrorProps(errors, "email")} {...register("email")} />
      <NewPasswordField
        label="Password"
        hint={`At least ${PASSWORD_MIN} characters; share it with the user securely`}
        {...fieldErrorProps(errors, "password")}
        {...register("password")}
      />
      <SelectField label="Role" defaultValue="viewer" {...fieldErrorProps(errors, "role")} {...register("role")}>
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
