import type { TAlertEventDto } from "@/lib/shared/schemas/alerts";
import type { TIncidentAlertDto } from "@/lib/shared/schemas/incidents";
import { describeAlertEvent } from "../alerts/alert-history-format";

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * An incident's history entry in words: its own kinds (opened with an alert, an alert joined: detail {alertId, policyKey},
 * named by the incident's alerts), else the alerts' workflow sentences.
 */
export const describeIncidentEvent = (event: TAlertEventDto, previous: TAlertEventDto | undefined, alerts: readonly TIncidentAlertDto[]): string => {
  const d = event.detail;
  const alert = alerts.find((a) => a.id === str(d.alertId));
  const what = alert ? `“${alert.title}”` : str(d.policyKey) ? `a ${str(d.policyKey)?.replaceAll("_", " ")} alert` : "an alert";
  switch (event.kind) {
    case "created":
      return `Opened the incident with ${what}`;
    case "alert_joined":
      return `${what.charAt(0).toUpperCase()}${what.slice(1)} joined the incident`;
    default:
      return describeAlertEvent(event, previous, "incident");
  }
};
