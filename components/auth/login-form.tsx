"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { fieldErrorsOf } from "@/lib/client/form-errors";
import { safeCallbackPath } from "@/lib/shared/safe-callback";
import { ZLoginInput } from "@/lib/shared/schemas/users";
import { signInErrorText } from "@/lib/shared/sign-in-errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";


export function LoginForm({ callbackUrl, initialError }: Readonly<{ callbackUrl?: string; initialError?: string }>) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [isBusy, setIsBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = ZLoginInput.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) {
      setFieldErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setFieldErrors({});
    setError(undefined);
    setIsBusy(true);
    try {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (result?.ok && !result.error) {
        // Resolved against this origin: only a same-origin path is followed (no open redirect).
        router.replace(safeCallbackPath(callbackUrl, window.location.origin));
        router.refresh();
        return;
      }
      // The server answers with an error code; the text is ours (lib/shared/sign-in-errors.ts).
      setError(signInErrorText(result?.error));
    } catch {
      setError("Cannot reach the Watchpost server. Try again.");
    }
    setIsBusy(false);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus error={fieldErrors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors.password} />
      <Button type="submit" className="w-full" isBusy={isBusy}>
        Sign in
      </Button>
    </form>
  );
}
