import type { ReactNode } from "react";
import { Logo } from "../layout/logo";

export function AuthCard({ title, subtitle, children }: Readonly<{ title: string; subtitle?: ReactNode; children: ReactNode }>) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-6">
        <div className="flex flex-col items-center gap-3 text-center">
          <Logo />
          <h1 className="text-xl font-semibold">{title}</h1>
          {subtitle ? <p className="text-sm text-slate-500 dark:text-slate-400">{subtitle}</p> : null}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">{children}</div>
      </div>
    </main>
  );
}
