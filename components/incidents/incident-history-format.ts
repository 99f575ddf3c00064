import type { TAlertEventDto } from "@/lib/shared/schemas/alerts";
import { describeAlertEvent } from "../alerts/alert-history-format";

const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** An incident's history entry in words: its own kinds (opened, an alert joined), else the alert workflow's sentences. */
export const describeIncidentEvent = (event: TAlertEventDto, previous: TAlertEventDto | undefined): string => {
  const d = event.detail;
  switch (event.kind) {
    case "created":
      return str(d.title) ? `Opened the incident with “${str(d.title)}”` : "Opened the incident";
    case "alert_joined": {
      const what = str(d.title) ?? str(d.alertTitle) ?? str(d.policyName);
      return what ? `Alert “${what}” joined the incident` : "An alert joined the incident";
    }
    default:
      return describeAlertEvent(event, previous, "incident");
  }
};
