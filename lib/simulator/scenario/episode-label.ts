/** Attack episodes the generator can plant, matching the Defender-style detections (atlassian-api.md §3.2). */
export const EPISODE_KINDS = [
  "impossible-travel",
  "brute-force",
  "tor",
  "suspicious-ip",
  "infrequent-country",
  "admin-spree",
  "impersonation",
] as const;
export type TEpisodeKind = (typeof EPISODE_KINDS)[number];

/**
 * Ground truth for one planted episode: which events belong to it and whom it targets. Served only by the
 * control API (GET /__sim/orgs/{orgId}/episodes) so detection tests can score themselves.
 */
export type TEpisodeLabel = {
  id: string;
  kind: TEpisodeKind;
  label: string;
  accountId: string;
  startedAt: string;
  endedAt: string;
  eventIds: string[];
  ips: string[];
};
