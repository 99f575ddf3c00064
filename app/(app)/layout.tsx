import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { getCurrentPrincipal } from "@/lib/server/auth/current-principal";

/** Shell only: the user is read for the header; every page still checks its own role. */
export default async function AppLayout({ children }: Readonly<{ children: ReactNode }>) {
  const principal = await getCurrentPrincipal();
  if (!principal) redirect("/login");
  return <AppShell user={{ name: principal.name, email: principal.email, role: principal.role }}>{children}</AppShell>;
}
