import Link from "next/link";
import type { ReactNode } from "react";
import type { TDashboardDto } from "@/lib/shared/schemas/dashboard";
import { Card } from "../ui/card";
import { formatCount } from "../ui/format";

type Props = Readonly<{ sessions: TDashboardDto["sessions"]; from: string; rangeLabel: string }>;

/** The activity log's blocked session requests (the outcome and source filters) from the range's start. */
const blockedHref = (from: string) => `/activities?${new URLSearchParams({ outcome: "blocked", source: "session_proxy", from }).toString()}`;

function Figure({ label, value, detail, testId, more }: Readonly<{ label: string; value: string; detail: string; testId: string; more?: ReactNode }>) {
  return (
    <div>
      <dt className="text-sm text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      <dd className="mt-1 text-xs text-slate-500 dark:text-slate-400">{detail}</dd>
      {more ? <dd className="mt-1 text-xs">{more}</dd> : null}
    </div>
  );
}

/** The session proxy over the range: proxied sessions, the share on unmanaged devices, downloads blocked by session policies. */
export function SessionsCard({ sessions, from, rangeLabel }: Props) {
  if (sessions.protectedSites === 0 && sessions.proxiedSessions === 0) {
    return (
      <Card title="Sessions" description="Browser sessions through the session proxy.">
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="sessions-card-empty">
          The session proxy protects no site yet. Switch on <span className="font-medium">Protect through the session proxy</span> for a site on its{" "}
          <Link className="underline" href="/connectors">
            connector&apos;s page
          </Link>
          , then add session policies under{" "}
          <Link className="underline" href="/policies">
            Policies
          </Link>
          .
        </p>
      </Card>
    );
  }
  const share = sessions.unmanagedShare === null ? "–" : `${sessions.unmanagedShare}%`;
  return (
    <Card
      title="Sessions"
      description={`Browser sessions through the session proxy, ${rangeLabel.toLowerCase()}.`}
      actions={
        <Link className="text-sm underline" href="/sessions">
          All sessions
        </Link>
      }
    >
      <dl className="grid gap-4 sm:grid-cols-3" aria-label="Session figures">
        <Figure label="Proxied sessions" value={formatCount(sessions.proxiedSessions)} detail="Started in the range" testId="sessions-proxied" />
        <Figure
          label="Unmanaged share"
          value={share}
          detail={`${formatCount(sessions.unmanagedSessions)} on devices without a trusted certificate`}
          testId="sessions-unmanaged-share"
        />
        <Figure
          label="Downloads blocked"
          value={formatCount(sessions.downloadsBlocked)}
          detail="Downloads and exports a session policy blocked"
          testId="sessions-downloads-blocked"
          more={
            <Link className="underline" href={blockedHref(from)}>
              See them in the activity log
            </Link>
          }
        />
      </dl>
    </Card>
  );
}
