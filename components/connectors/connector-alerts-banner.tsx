"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { connectorsQuery } from "@/lib/client/queries/connectors";
import { keyHealth } from "@/lib/shared/connector-insights";
import type { TConnectorDto } from "@/lib/shared/schemas/connectors";

type Notice = Readonly<{ id: string; text: string; isUrgent: boolean }>;

/** Reminders at 30, 7 and 1 days before a key expires, and connectors that stopped syncing. */
const noticeOf = (c: TConnectorDto, now: Date): Notice | null => {
  const key = keyHealth(c, now);
  if (c.status === "error") return { id: c.id, text: `“${c.name}” stopped syncing: ${c.statusDetail ?? "renew the API key"}.`, isUrgent: true };
  if (key.isExpired) return { id: c.id, text: `The API key of “${c.name}” has expired: rotate it.`, isUrgent: true };
  if (!key.isExpiringSoon) return null;
  const when = key.daysToExpiry < 1 ? "today" : `in ${key.daysToExpiry} day(s)`;
  return { id: c.id, text: `The API key of “${c.name}” expires ${when}: rotate it before then.`, isUrgent: key.daysToExpiry < 7 };
};

export function ConnectorAlertsBanner() {
  // Shares the list's cache, but polls only once a minute: it sits on every page.
  const connectors = useQuery({ ...connectorsQuery(), refetchInterval: 60_000 });
  const now = new Date();
  const notices = (connectors.data ?? []).map((c) => noticeOf(c, now)).filter((n): n is Notice => n !== null);
  if (notices.length === 0) return null;
  return (
    <div role="region" aria-label="Connector warnings" className="space-y-1 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm dark:border-amber-900 dark:bg-amber-950">
      {notices.map((n) => (
        <p key={n.id} className={n.isUrgent ? "font-medium text-red-800 dark:text-red-200" : "text-amber-900 dark:text-amber-100"}>
          {n.text}{" "}
          <Link href={`/connectors/${n.id}`} className="underline">
            Open connector
          </Link>
        </p>
      ))}
    </div>
  );
}
