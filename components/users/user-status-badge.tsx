import { ATLASSIAN_USER_STATUS_LABELS, type TAtlassianUserStatus } from "@/lib/shared/schemas/atlassian-users";
import { Badge, type BadgeTone } from "../ui/badge";

const TONES: Record<TAtlassianUserStatus, BadgeTone> = { active: "green", suspended: "amber", deactivated: "neutral" };

/** An Atlassian account's status as its label (Active, Suspended, Deactivated). */
export function UserStatusBadge({ status }: Readonly<{ status: string }>) {
  const known = status in TONES ? (status as TAtlassianUserStatus) : null;
  return <Badge tone={known ? TONES[known] : "neutral"}>{known ? ATLASSIAN_USER_STATUS_LABELS[known] : status}</Badge>;
}
