"use client";

import Link from "next/link";
import { formatBytes } from "@/lib/shared/format-bytes";
import type { TAlertDetailDto } from "@/lib/shared/schemas/alerts";
import { ZSessionAlertDetails, type TSessionAlertDetails } from "@/lib/shared/schemas/session-alerts";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { DescriptionList, type DescriptionItem } from "../ui/description-list";
import { formatCount, formatDateTime } from "../ui/format";
import { AlertSessionActions } from "./alert-session-actions";

const SESSION_STATUS = { live: "Live", idle: "Idle", ended: "Ended" } as const;

const Mono = ({ children }: Readonly<{ children: string }>) => <span className="font-mono text-xs break-all">{children}</span>;

const sessionValue = (d: TSessionAlertDetails, alert: TAlertDetailDto) => {
  const session = alert.proxySession;
  if (!d.session.id) return "—";
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Mono>{d.session.id}</Mono>
      {session ? (
        <Badge tone={session.status === "ended" ? "neutral" : session.status === "live" ? "green" : "amber"}>
          {SESSION_STATUS[session.status]}
          {session.endedAt ? ` ${formatDateTime(session.endedAt)}` : ""}
        </Badge>
      ) : (
        <span className="text-xs text-slate-500">not stored</span>
      )}
    </span>
  );
};

const itemsOf = (d: TSessionAlertDetails, alert: TAlertDetailDto): DescriptionItem[] => [
  {
    label: "Outcome",
    value: <Badge tone={d.outcome === "blocked" ? "red" : "amber"}>{d.outcome === "blocked" ? "Blocked" : "Audited"}</Badge>,
    hint: `Policy "${d.policy.name}" (${d.policy.action})${d.matchedPolicies.length > 1 ? `; ${d.matchedPolicies.length} policies matched` : ""}`,
    testId: "session-outcome",
  },
  { label: "Session", value: sessionValue(d, alert), testId: "session-id" },
  {
    label: "Device",
    value: (
      <span className="inline-flex flex-col items-end gap-1">
        <Badge tone={d.device.managed ? "green" : "amber"}>{d.device.managed ? "Managed" : "Unmanaged"}</Badge>
        {d.device.subject ? <Mono>{d.device.subject}</Mono> : null}
        {d.device.serial ? <span className="text-xs text-slate-500">serial {d.device.serial}</span> : null}
      </span>
    ),
    hint: d.device.managed ? "A client certificate from a trusted device CA" : "No trusted, valid client certificate",
    testId: "session-device",
  },
  {
    label: "File",
    value: d.file ? (
      <span className="inline-flex flex-col items-end">
        <span className="break-all">{d.file.name}</span>
        <span className="text-xs text-slate-500">
          {[d.file.sizeBytes !== null ? formatBytes(d.file.sizeBytes) : null, d.file.contentType].filter(Boolean).join(" · ")}
        </span>
      </span>
    ) : (
      "—"
    ),
    testId: "session-file",
  },
  {
    label: "Request",
    value: (
      <span className="inline-flex flex-col items-end">
        <Mono>{`${d.request.method ?? "?"} ${d.request.host ?? ""}${d.request.path ?? ""}`}</Mono>
        <span className="text-xs text-slate-500">
          {[
            d.request.status !== null ? `status ${d.request.status}` : null,
            d.request.bytes !== null ? `${formatCount(d.request.bytes)} bytes sent` : null,
            d.request.contentType,
          ]
            .filter(Boolean)
            .join(" · ")}
        </span>
      </span>
    ),
    hint: d.request.userAgent ?? undefined,
    testId: "session-request",
  },
  { label: "IP", value: d.ip ? `${d.ip}${d.location ? ` (${d.location})` : ""}` : (d.location ?? "—"), testId: "session-ip" },
  { label: "Site", value: d.site ?? "—" },
];

/**
 * A session-policy alert's evidence (session, device, file, request) and, for analysts and admins, End session and
 * Suspend user in one place.
 */
export function AlertSessionCard({ alert, canAct }: Readonly<{ alert: TAlertDetailDto; canAct: boolean }>) {
  const parsed = ZSessionAlertDetails.safeParse(alert.details);
  const details = parsed.success ? parsed.data : null;
  return (
    <Card title="Session" description="What the session proxy saw of the request that matched the policy.">
      <div className="space-y-4" data-testid="alert-session">
        {details ? (
          <DescriptionList items={itemsOf(details, alert)} />
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">This alert&apos;s evidence is not in the expected shape; see Evidence below.</p>
        )}
        {details?.dailyCap ? (
          <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="session-daily-cap">
            This policy reached its {details.dailyCap.maxPerDay} alerts for {details.dailyCap.day} (UTC): {formatCount(details.dailyCap.suppressed)} later{" "}
            {details.dailyCap.suppressed === 1 ? "match" : "matches"} that day raised no alert. They are in the{" "}
            <Link className="underline" href={`/activities?source=session_proxy&policy=${encodeURIComponent(details.policy.id)}`}>
              activity log
            </Link>
            .
          </p>
        ) : null}
        {canAct ? <AlertSessionActions alert={alert} siteHost={details?.site ?? null} /> : null}
      </div>
    </Card>
  );
}
