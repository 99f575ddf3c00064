"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { safeCallbackPath } from "@/lib/shared/safe-callback";
import { ZLoginInput, type TLoginInput } from "@/lib/shared/schemas/users";
import { signInErrorText } from "@/lib/shared/sign-in-errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

export function LoginForm({ callbackUrl, initialError }: Readonly<{ callbackUrl?: string; initialError?: string }>) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const [isBusy, setIsBusy] = useState(false);
  // No defaultValues: the form is server-rendered, and registering reads what was typed before hydration (a default would overwrite it).
  const { register, handleSubmit, formState } = useForm({ resolver: zodResolver(ZLoginInput) });
  const { errors } = formState;

  // Sign-in goes through next-auth, not /api/v1: its failures are codes, not problems, so they stay local state.
  const onValid = async (input: TLoginInput) => {
    setError(undefined);
    setIsBusy(true);
    try {
      const result = await signIn("credentials", { ...input, redirect: false });
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
    <form onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TextField label="Email" type="email" autoComplete="username" required autoFocus error={errors.email?.message} {...register("email")} />
      <TextField label="Password" type="password" autoComplete="current-password" required error={errors.password?.message} {...register("password")} />
      <Button type="submit" className="w-full" isBusy={isBusy}>
        Sign in
      </Button>
    </form>
  );
}
