import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { SsoSignInButton } from "@/components/auth/sso-sign-in-button";
import { Alert } from "@/components/ui/alert";
import { getCurrentPrincipal } from "@/lib/server/auth/current-principal";
import { safeCallbackPath } from "@/lib/shared/safe-callback";
import { signInErrorText } from "@/lib/shared/sign-in-errors";
import { isSetupOpen } from "@/lib/server/services/users/setup-first-admin";
import { getSsoLoginOptions } from "@/lib/server/services/auth/sso/sso-config";

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
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  const sso = await getSsoLoginOptions();
  if (!sso) {
    return (
      <AuthCard title="Sign in to Watchpost" subtitle="Security portal for your Atlassian organization">
        <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
      </AuthCard>
    );
  }
  // Single sign-on first; the password form second, or folded away for break-glass accounts when SSO is required.
  const passwordForm = <LoginForm callbackUrl={callbackUrl} />;
  return (
    <AuthCard title="Sign in to Watchpost" subtitle="Security portal for your Atlassian organization">
      <div className="space-y-5">
        {initialError ? <Alert tone="error">{initialError}</Alert> : null}
        {sso.connections.map((c) => (
          <SsoSignInButton key={c.protocol} protocol={c.protocol} displayName={c.displayName} callbackUrl={callbackUrl} />
        ))}
        {sso.requireSso ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Break-glass account sign-in</summary>
            <div className="pt-3">{passwordForm}</div>
          </details>
        ) : (
          <>
            <p className="text-center text-xs text-slate-500 uppercase">or with email and password</p>
            {passwordForm}
          </>
        )}
      </div>
    </AuthCard>
  );
}
