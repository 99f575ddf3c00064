import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { isSetupOpen } from "@/lib/server/services/users/setup-first-admin";

// Reads the database on every request (first-run state, session).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Set up" };

/** First run only: gone (404) once any user exists. */
export default async function SetupPage() {
  if (!(await isSetupOpen())) notFound();
  return (
    <AuthCard title="Welcome to Watchpost" subtitle="Enter the one-time setup code from the output of npm start and create the first admin account. You can add analysts and viewers afterwards.">
      <SetupForm />
    </AuthCard>
  );
}
