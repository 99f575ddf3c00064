import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { getCurrentPrincipal } from "@/lib/server/auth/current-principal";

/** Shell only: the user is read for the header; every page still checks its own role. */
export default async function AppLayout({ children }: Readonly<{ children: ReactNode }>) {
  const principal = await getCurrentPrincipal();
  // Signed out: the page itself redirects to /login with a callbackUrl.
  if (!principal) return <>{children}</>;
  return <AppShell user={{ name: principal.name, email: principal.email, role: principal.role }}>{children}</AppShell>;
}
