import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentPrincipal } from "@/lib/server/auth/current-principal";
import { safeCallbackPath } from "@/lib/shared/safe-callback";
import { signInErrorText } from "@/lib/shared/sign-in-errors";
import { isSetupOpen } from "@/lib/server/services/users/setup-first-admin";

// Reads the database on every request (first-run state, session).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function LoginPage({ searchParams }: Readonly<Props>) {
  if (await isSetupOpen()) redirect("/setup");
  if (await getCurrentPrincipal()) redirect("/");
  const params = await searchParams;
  // Only known error codes are shown, by their own text: a link cannot put its words on this page.
  const error = first(params.error);
  const initialError = error ? signInErrorText(error) : undefined;
  return (
    <AuthCard title="Sign in to Watchpost" subtitle="Security portal for your Atlassian organization">
      <LoginForm callbackUrl={safeCallbackPath(first(params.callbackUrl))} initialError={initialError} />
    </AuthCard>
  );
}
