import Link from "next/link";
import type { TAlertIncidentRef } from "@/lib/shared/schemas/incidents";
import { AlertStatusBadge } from "../alerts/alert-status-badge";
import { Fact } from "../ui/fact";
import { countOf } from "./incident-format";

/** The alert page's "Incident": a link to the incident the alert belongs to, with its alert count (none for an alert without an account). */
export function AlertIncidentFact({ incident }: Readonly<{ incident: TAlertIncidentRef | undefined }>) {
  if (!incident) return null;
  return (
    <Fact label="Incident" testId="alert-incident">
      <Link href={`/incidents/${incident.id}`} className="font-medium text-brand-700 hover:underline dark:text-sky-300">
        Incident of {countOf(incident.alertCount, "alert")}
      </Link>
      <span className="mt-1 block">
        <AlertStatusBadge status={incident.status} />
      </span>
    </Fact>
  );
}
