"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { fieldErrorsOf } from "@/lib/client/form-errors";
import { ZLoginInput } from "@/lib/shared/schemas/users";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

const describeError = (error: string | null | undefined, status: number): string => {
  if (!error) return "Sign-in failed. Try again.";
  if (error === "CredentialsSignin") return "Invalid email or password";
  if (status === 429 || error.startsWith("Too many")) return error;
  return error;
};

/** Only same-site paths are followed after sign-in (no open redirect). */
const safeCallback = (url: string | undefined): string => (url && url.startsWith("/") && !url.startsWith("//") ? url : "/");

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
        router.replace(safeCallback(callbackUrl));
        router.refresh();
        return;
      }
      setError(describeError(result?.error, result?.status ?? 0));
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
