import { ALERT_CLASSIFICATION_LABELS, ALERT_STATUS_LABELS, SEVERITY_LABELS, type TAlertEventDto } from "@/lib/shared/schemas/alerts";
import { GOVERNANCE_ACTION_LABELS } from "@/lib/shared/schemas/governance";

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const obj = (value: unknown): Record<string, unknown> | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
const label = <T extends string>(labels: Record<T, string>, value: unknown): string => (typeof value === "string" && value in labels ? labels[value as T] : String(value ?? "?"));
const person = (value: unknown): string | undefined => {
  const p = obj(value);
  return p ? (str(p.name) ?? str(p.email)) : undefined;
};
const withReason = (text: string, reason: unknown) => (str(reason) ? `${text}. Reason: ${str(reason)}` : text);

/** Who did it: the portal user, or Watchpost itself (detection, the worker). */
export const eventActor = (event: TAlertEventDto): string => event.actor?.name ?? event.actor?.email ?? "Watchpost";

/**
 * One history entry in words, e.g. "Changed the status from Open to Resolved. Reason: VPN test". `previous`
 * (the entry before it) spares repeating a reason the status change right before already gave.
 */
export const describeAlertEvent = (event: TAlertEventDto, previous?: TAlertEventDto, noun = "alert"): string => {
  const d = event.detail;
  switch (event.kind) {
    case "created":
      return `Raised the alert (${str(d.policyName) ?? str(d.policyKey) ?? "policy"}, ${label(SEVERITY_LABELS, d.severity).toLowerCase()} severity)`;
    case "status_changed":
      return withReason(`Changed the status from ${label(ALERT_STATUS_LABELS, d.from)} to ${label(ALERT_STATUS_LABELS, d.to)}`, d.reason);
    case "assigned": {
      const from = person(d.from);
      const to = person(d.to);
      if (!to) return from ? `Unassigned the ${noun} (was ${from})` : `Unassigned the ${noun}`;
      return from ? `Reassigned the ${noun} from ${from} to ${to}` : `Assigned the ${noun} to ${to}`;
    }
    case "classified": {
      const isSameReason = previous?.kind === "status_changed" && previous.detail.reason === d.reason && previous.at === event.at;
      return withReason(`Classified the ${noun} as ${label(ALERT_CLASSIFICATION_LABELS, d.classification)}`, isSameReason ? undefined : d.reason);
    }
    case "commented":
      return str(d.excerpt) ? `Commented: “${str(d.excerpt)}”` : "Commented";
    case "action_requested":
      return `Requested the governance action “${label(GOVERNANCE_ACTION_LABELS, d.action)}”`;
    case "egress_marked": {
      const range = obj(d.range);
      const cidrs = Array.isArray(range?.cidrs) ? range.cidrs.join(", ") : "";
      const dismissed = typeof d.dismissed === "number" ? d.dismissed : 0;
      return `Marked the alert's IPs as our egress: ${str(range?.category) === "vpn" ? "VPN" : "Corporate"} range “${str(range?.name) ?? "?"}”${cidrs ? ` (${cidrs})` : ""}; ${dismissed} ${dismissed === 1 ? "alert" : "alerts"} dismissed`;
    }
    case "reevaluated": {
      const range = obj(d.range);
      return withReason(
        `Re-evaluated against the egress range “${str(range?.name) ?? "?"}”: ${label(ALERT_STATUS_LABELS, d.from)} → ${label(ALERT_STATUS_LABELS, d.to)}${d.classification ? ` as ${label(ALERT_CLASSIFICATION_LABELS, d.classification)}` : ""}`,
        d.reason,
      );
    }
    default:
      return event.kind.replaceAll("_", " ");
  }
};
