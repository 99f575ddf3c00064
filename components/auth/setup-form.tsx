"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { fieldErrorsOf } from "@/lib/client/form-errors";
import { ApiError, apiFetch } from "@/lib/client/api-client";
import { PASSWORD_MIN, ZSetupInput } from "@/lib/shared/schemas/users";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

export function SetupForm() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [isBusy, setIsBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (form.get("password") !== form.get("confirm")) {
      setFieldErrors({ confirm: "Passwords do not match" });
      return;
    }
    const parsed = ZSetupInput.safeParse({ setupCode: form.get("setupCode"), name: form.get("name"), email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setFieldErrors({});
    setError(undefined);
    setIsBusy(true);
    try {
      await apiFetch("/api/setup", { method: "POST", json: parsed.data });
      const result = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
      router.replace(result?.ok ? "/" : "/login");
      router.refresh();
    } catch (caught) {
      if (caught instanceof ApiError) {
        setFieldErrors(caught.fieldErrors());
        setError(caught.status === 404 ? "Setup is already complete. Sign in instead." : caught.message);
      } else setError("Setup failed. Try again.");
      setIsBusy(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TextField
        label="Setup code"
        name="setupCode"
        autoComplete="off"
        spellCheck={false}
        required
        autoFocus
        hint="The one-time code that npm start printed in its output"
        error={fieldErrors.setupCode}
      />
      <TextField label="Name" name="name" autoComplete="name" required error={fieldErrors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="username" required error={fieldErrors.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN} characters`}
        error={fieldErrors.password}
      />
      <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" required error={fieldErrors.confirm} />
      <Button type="submit" className="w-full" isBusy={isBusy}>
        Create admin account
      </Button>
    </form>
  );
}
