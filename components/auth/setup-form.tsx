"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { ApiError } from "@/lib/client/api-client";
import { settingsApi } from "@/lib/client/api/settings";
import { applyProblem, FORM_ERROR, formErrorOf, fieldErrorProps } from "@/lib/client/forms";
import { ZSetupInput, type TSetupInput } from "@/lib/shared/schemas/users";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { NewPasswordField } from "./new-password-field";

/**
 * The confirmation is the form's own: checked first, and only when it matches does the shared schema run. The
 * shared schema leaves the code optional (the server answers a missing one itself); the form asks for it with
 * the other fields, in the server's words.
 */
const ZSetupForm = z
  .object({ setupCode: z.string(), name: z.string(), email: z.string(), password: z.string(), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "Passwords do not match", path: ["confirm"] })
  .transform(({ confirm: _confirm, ...input }): z.input<typeof ZSetupInput> => input)
  .pipe(ZSetupInput.extend({ setupCode: z.string().trim().min(1, "Enter the setup code printed by npm start").max(64, "Wrong setup code") }));

export function SetupForm() {
  const router = useRouter();
  const [isBusy, setIsBusy] = useState(false);
  // No defaultValues: the form is server-rendered, and registering reads what was typed before hydration (a default would overwrite it).
  const { register, handleSubmit, setError, formState } = useForm({ resolver: zodResolver(ZSetupForm) });
  const { errors } = formState;
  const formError = formErrorOf(errors);

  const onValid = async (input: TSetupInput) => {
    setIsBusy(true);
    try {
      await settingsApi.setup(input);
      const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      router.replace(result?.ok ? "/" : "/login");
      router.refresh();
    } catch (caught) {
      if (caught instanceof ApiError) {
        applyProblem(setError, caught);
        if (caught.status === 404) setError(FORM_ERROR, { type: "server", message: "Setup is already complete. Sign in instead." });
      } else setError(FORM_ERROR, { type: "server", message: "Setup failed. Try again." });
      setIsBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="space-y-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <TextField
        label="Setup code"
        autoComplete="off"
        spellCheck={false}
        required
        autoFocus
        hint="The one-time code that npm start printed in its output"
        {...fieldErrorProps(errors, "setupCode")}
        {...register("setupCode")}
      />
      <TextField label="Name" autoComplete="name" required {...fieldErrorProps(errors, "name")} {...register("name")} />
      <TextField label="Email" type="email" autoComplete="username" required {...fieldErrorProps(errors, "email")} {...register("email")} />
      <NewPasswordField label="Password" {...fieldErrorProps(errors, "password")} {...register("password")} />
      <TextField label="Confirm password" type="password" autoComplete="new-password" required {...fieldErrorProps(errors, "confirm")} {...register("confirm")} />
      <Button type="submit" className="w-full" isBusy={isBusy}>
        Create admin account
      </Button>
    </form>
  );
}
