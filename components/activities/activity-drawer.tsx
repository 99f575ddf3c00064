"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { activityDetailQuery } from "@/lib/client/queries/activities";
import type { TActivityDetail } from "@/lib/shared/schemas/activities";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { QueryState } from "../ui/query-state";
import { IP_CATEGORY_LABELS, OUTCOME_LABELS, PRODUCT_LABELS, SOURCE_LABELS, formatActivityTime, formatLocation } from "./activity-format";
import { ActivitySessionPolicies } from "./activity-session-policies";

const fieldsOf = (a: TActivityDetail): [string, string][] => [
  ["Time (UTC)", a.time],
  ["Activity id", a.id],
  ["Event id", a.eventId],
  ["Connector", a.connectorName ?? a.connectorId],
  ["Source", SOURCE_LABELS[a.source] ?? a.source],
  ...(a.source === "session_proxy" ? [["Session outcome", a.sessionOutcome ? OUTCOME_LABELS[a.sessionOutcome] : "None (no session policy matched)"] as [string, string]] : []),
  ["User", [a.actorName, a.actorEmail].filter(Boolean).join(" · ") || "—"],
  ["Account id", a.actorId],
  ["On behalf of", a.onBehalfOfId ?? "—"],
  ["Authentication", a.authType ?? "—"],
  ["Action", `${a.actionName ?? a.action} (${a.action})`],
  ["Action group", a.actionGroup ?? "—"],
  ["Product", PRODUCT_LABELS[a.product] ?? a.product],
  ["Site", a.siteName ?? a.siteId ?? "—"],
  ["Target", a.targetName ?? "—"],
  ["Targets", a.targets.map((t) => `${t.type}: ${t.name ?? t.id ?? "?"}`).join(", ") || "—"],
  ["IP", a.ip ?? "—"],
  ["Location", formatLocation(a)],
  ["Region", a.region ?? "—"],
  ["Coordinates", a.lat !== null && a.lon !== null ? `${a.lat}, ${a.lon}` : "—"],
  ["Location source", a.locationSource ?? "—"],
  ["IP category", a.ipCategory ? (IP_CATEGORY_LABELS[a.ipCategory] ?? a.ipCategory) : "—"],
  ["IP tags", a.ipTags.join(", ") || "—"],
  ["Admin action", a.isAdminAction ? "Yes" : "No"],
  ["Impersonation", a.isImpersonation ? "Yes" : "No"],
  ["System", a.isSystem ? "Yes" : "No"],
  ["Processed at", a.processedAt ?? "—"],
  ["Message", a.message ?? "—"],
];

/** The detail of one activity in a side panel (a modal dialog: Escape closes it, focus moves into it). */
export function ActivityDrawer({ id, onClose, onOpen }: Readonly<{ id: string; onClose: () => void; onOpen: (id: string) => void }>) {
  const query = useQuery(activityDetailQuery(id));
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    panel.current?.focus();
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const a = query.data;
  return (
    <div className="fixed inset-0 z-40 flex justify-end bg-slate-900/30" onClick={onClose}>
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-label="Activity detail"
        tabIndex={-1}
        onClick={(e) => e.stopPropagation()}
        className="h-full w-full max-w-2xl space-y-5 overflow-y-auto bg-white p-6 shadow-xl outline-none dark:bg-slate-900"
      >
        <div className="flex items-start justify-between gap-4">
          <h2 className="text-lg font-semibold">{a ? (a.actionName ?? a.action) : "Activity"}</h2>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
        <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
          {a ? (
            <>
              <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                {fieldsOf(a).map(([label, value]) => (
                  <div key={label} className="contents">
                    <dt className="text-slate-500">{label}</dt>
                    <dd className="break-all">{value}</dd>
                  </div>
                ))}
              </dl>
              {a.sessionPolicies.length > 0 ? <ActivitySessionPolicies outcome={a.sessionOutcome} policies={a.sessionPolicies} /> : null}
              <section aria-label="Alerts" className="space-y-2">
                <h3 className="font-medium">Alerts including this activity</h3>
                {a.alerts.length === 0 ? (
                  <p className="text-sm text-slate-500">No alert includes this activity.</p>
                ) : (
                  <ul className="space-y-1 text-sm">
                    {a.alerts.map((al) => (
                      <li key={al.id}>
                        <a className="text-brand-600 underline" href={`/alerts/${al.id}`}>
                          {al.title}
                        </a>{" "}
                        <Badge tone={al.severity === "high" ? "red" : al.severity === "medium" ? "amber" : "neutral"}>{al.severity}</Badge>{" "}
                        <span className="text-slate-500">
                          {al.policyName} · {al.status}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-label="Timeline" className="space-y-2">
                <h3 className="font-medium">This user one hour before and after</h3>
                <ol className="space-y-1 text-sm">
                  {[...a.timeline].reverse().map((t) => (
                    <li key={t.id} className={t.id === a.id ? "font-semibold" : ""}>
                      <button type="button" className="text-left hover:underline" onClick={() => onOpen(t.id)} disabled={t.id === a.id}>
                        <time dateTime={t.time} title={`${t.time} (UTC)`}>
                          {formatActivityTime(t.time)}
                        </time>{" "}
                        · {t.actionName ?? t.action} · {t.ip ?? "no IP"} · {formatLocation(t)}
                      </button>
                    </li>
                  ))}
                </ol>
              </section>
              <section aria-label="Raw event" className="space-y-2">
                <div className="flex items-center justify-between">
                  <h3 className="font-medium">Raw event</h3>
                  <CopyButton value={JSON.stringify(a.raw, null, 2)} label="Copy raw JSON" />
                </div>
                <pre className="max-h-96 overflow-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-800">{JSON.stringify(a.raw, null, 2)}</pre>
              </section>
            </>
          ) : null}
        </QueryState>
      </div>
    </div>
  );
}
