import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentPrincipal } from "@/lib/server/auth/current-principal";
import { isSetupOpen } from "@/lib/server/services/users/setup-first-admin";

// Reads the database on every request (first-run state, session).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function LoginPage({ searchParams }: Readonly<Props>) {
  if (await isSetupOpen()) redirect("/setup");
  if (await getCurrentPrincipal()) redirect("/");
  const { callbackUrl, error } = await searchParams;
  const initialError = error === "CredentialsSignin" ? "Invalid email or password" : error?.slice(0, 200);
  return (
    <AuthCard title="Sign in to Watchpost" subtitle="Security portal for your Atlassian organization">
      <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
    </AuthCard>
  );
}
