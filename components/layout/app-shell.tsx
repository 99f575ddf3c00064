"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import type { TRole } from "@/lib/shared/roles";
import { ConnectorAlertsBanner } from "../connectors/connector-alerts-banner";
import { Logo } from "./logo";
import { Sidebar } from "./sidebar";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

type Props = Readonly<{ user: { name: string; email: string; role: TRole }; children: ReactNode }>;

export function AppShell({ user, children }: Props) {
  const [isMenuOpen, setIsMenuOpen] = useState(false);
  return (
    <div className="min-h-screen md:grid md:grid-cols-[15rem_1fr]">
      <aside className="hidden border-r border-slate-200 bg-white md:block dark:border-slate-800 dark:bg-slate-900">
        <div className="flex h-14 items-center border-b border-slate-200 px-4 dark:border-slate-800">
          <Link href="/" aria-label="Watchpost home">
            <Logo />
          </Link>
        </div>
        <Sidebar role={user.role} />
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="flex h-14 items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
          <div className="flex items-center gap-2 md:invisible">
            <button
              type="button"
              aria-label="Open menu"
              aria-expanded={isMenuOpen}
              onClick={() => setIsMenuOpen((v) => !v)}
              className="rounded-md p-2 hover:bg-slate-100 md:hidden dark:hover:bg-slate-800"
            >
              <svg viewBox="0 0 24 24" className="size-5" aria-hidden fill="none" stroke="currentColor" strokeWidth="2">
                <path d="M4 6h16M4 12h16M4 18h16" />
              </svg>
            </button>
            <Logo isCompact />
          </div>
          <div className="flex items-center gap-2">
            <ThemeToggle />
            <UserMenu name={user.name} email={user.email} role={user.role} />
          </div>
        </header>
        {isMenuOpen ? (
          <div className="border-b border-slate-200 bg-white md:hidden dark:border-slate-800 dark:bg-slate-900">
            <Sidebar role={user.role} onNavigate={() => setIsMenuOpen(false)} />
          </div>
        ) : null}
        <ConnectorAlertsBanner />
        <main className="mx-auto w-full max-w-6xl flex-1 p-4 sm:p-6">{children}</main>
      </div>
    </div>
  );
}
