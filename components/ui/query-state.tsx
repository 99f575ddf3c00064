import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";

type Props = Readonly<{ isPending: boolean; error: Error | null; onRetry: () => void; children: ReactNode }>;

/** Loading and error states shared by every client view. */
export function QueryState({ isPending, error, onRetry, children }: Props) {
  if (isPending)
    return (
      <div role="status" aria-live="polite" className="space-y-2">
        <span className="sr-only">Loading…</span>
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-8 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
        ))}
      </div>
    );
  if (error)
    return (
      <div className="space-y-3">
        <Alert tone="error">{error.message}</Alert>
        <Button variant="secondary" onClick={onRetry}>
          Retry
        </Button>
      </div>
    );
  return <>{children}</>;
}
