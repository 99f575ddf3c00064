import type { TBuiltinPolicyKey, TSeverity } from "../shared/schemas/policies";

/** What a built-in anomaly policy is, for the policies list, alerts and docs/detections.md. */
export type TBuiltinPolicyDefinition = Readonly<{
  key: TBuiltinPolicyKey;
  name: string;
  description: string;
  defaultSeverity: TSeverity;
  /** MITRE ATT&CK tactic (Defender's mapping, atlassian-api.md §3.2). */
  mitreTactic: "Initial access" | "Credential access" | "Privilege escalation" | "Collection";
  /** Days of a user's own history before the policy alerts for that user (0 = none). */
  learningDays: number;
}>;

export const BUILTIN_POLICIES: readonly TBuiltinPolicyDefinition[] = [
  {
    key: "impossible_travel",
    name: "Impossible travel",
    description:
      "Two successful interactive activities of one user from places too far apart for the time between them (faster than 1,000 km/h). Same or bordering countries never alert; both IPs in Corporate or VPN ranges are trusted unless sensitivity is high.",
    defaultSeverity: "medium",
    mitreTactic: "Initial access",
    learningDays: 7,
  },
  {
    key: "infrequent_country",
    name: "Activity from infrequent country",
    description:
      "Activity from a country the user has not used in the last 30 days (at high sensitivity also a country no one in the organization has used).",
    defaultSeverity: "medium",
    mitreTactic: "Initial access",
    learningDays: 7,
  },
  {
    key: "anonymous_ip",
    name: "Activity from anonymous IP address",
    description: "Activity from an IP address tagged tor or anonymous_proxy (threat lists or your IP ranges).",
    defaultSeverity: "medium",
    mitreTactic: "Initial access",
    learningDays: 0,
  },
  {
    key: "suspicious_ip",
    name: "Activity from suspicious IP address",
    description: "Activity from an IP address tagged by threat intelligence: botnet, malware_c2, password_spray and similar tags.",
    defaultSeverity: "high",
    mitreTactic: "Initial access",
    learningDays: 0,
  },
  {
    key: "failed_logins",
    name: "Multiple failed login attempts",
    description: "Many failed logins of one user in one session (30-minute inactivity gap), compared with that user's own usual number per session.",
    defaultSeverity: "medium",
    mitreTactic: "Credential access",
    learningDays: 7,
  },
  {
    key: "unusual_admin",
    name: "Unusual administrative activity",
    description: "Administrative activity in one session unusual for that user, by volume or by kinds of action, against the user's last 30 days.",
    defaultSeverity: "medium",
    mitreTactic: "Privilege escalation",
    learningDays: 7,
  },
  {
    key: "unusual_impersonation",
    name: "Unusual impersonation activity",
    description: "Impersonation (log in as a user, or acting on behalf of another account) unusual for that actor against the last 30 days.",
    defaultSeverity: "medium",
    mitreTactic: "Collection",
    learningDays: 7,
  },
];

const BY_KEY = new Map(BUILTIN_POLICIES.map((p) => [p.key, p]));

export const findBuiltinPolicy = (key: string): TBuiltinPolicyDefinition | undefined => BY_KEY.get(key as TBuiltinPolicyKey);
