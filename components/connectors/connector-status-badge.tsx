import { CONNECTOR_STATUS_LABELS, type TConnectorStatus } from "@/lib/shared/schemas/connectors";
import { Badge, type BadgeTone } from "../ui/badge";

const TONES: Record<TConnectorStatus, BadgeTone> = {
  connecting: "brand",
  syncing: "brand",
  connected: "green",
  degraded: "amber",
  error: "red",
  disabled: "neutral",
};

/** The status as its label text (Connected, Syncing…): colour alone never carries the meaning. */
export function ConnectorStatusBadge({ status }: Readonly<{ status: TConnectorStatus }>) {
  return <Badge tone={TONES[status]}>{CONNECTOR_STATUS_LABELS[status]}</Badge>;
}
