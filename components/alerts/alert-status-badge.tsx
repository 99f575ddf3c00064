import { ALERT_STATUS_LABELS, type TAlertStatus } from "@/lib/shared/schemas/alerts";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE: Record<TAlertStatus, BadgeTone> = { open: "brand", in_progress: "amber", resolved: "green", dismissed: "neutral" };

export function AlertStatusBadge({ status }: Readonly<{ status: TAlertStatus }>) {
  return <Badge tone={TONE[status]}>{ALERT_STATUS_LABELS[status]}</Badge>;
}
