import { SEVERITY_LABELS } from "@/lib/shared/schemas/alerts";
import type { TSeverity } from "@/lib/shared/schemas/policies";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE: Record<TSeverity, BadgeTone> = { low: "neutral", medium: "amber", high: "red" };

export function SeverityBadge({ severity }: Readonly<{ severity: TSeverity }>) {
  return <Badge tone={TONE[severity]}>{SEVERITY_LABELS[severity]}</Badge>;
}
