import { Card } from "../ui/card";
import { ConnectAppButton } from "./connect-app-button";

export function ConnectorsEmptyState({ isAdmin }: Readonly<{ isAdmin: boolean }>) {
  return (
    <Card>
      <div className="mx-auto flex max-w-xl flex-col items-center gap-3 py-8 text-center">
        <svg viewBox="0 0 24 24" className="size-10 text-brand-600" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.6">
          <path d="M9 7V3m6 4V3M7 7h10v4a5 5 0 0 1-10 0V7Zm5 9v5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <h2 className="text-lg font-semibold">No apps connected yet</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A connector links Watchpost to one Atlassian Cloud organization with an organization admin API key. From then on Watchpost reads
          the organization&apos;s audit log (sign-ins, permission changes, exports…) into its own database within seconds, together with the
          organization&apos;s users, domains and security policies, so you can search every activity and be alerted to anomalies.
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-400">The key is stored encrypted and never shown again, and syncing stays within the key&apos;s rate limit.</p>
        {isAdmin ? (
          <div className="pt-2">
            <ConnectAppButton />
          </div>
        ) : (
          <p className="text-sm font-medium">Ask an admin to connect your Atlassian organization.</p>
        )}
      </div>
    </Card>
  );
}
