import type { TEpisodeKind, TEpisodeLabel } from "../../simulator/scenario/episode-label";
import { BUILTIN_POLICY_KEYS, type TBuiltinPolicyKey } from "../../shared/schemas/policies";

/**
 * What each planted episode must raise (required: counts for recall) and what it may also raise truthfully
 * (acceptable: a brute force that ends in a successful login from a foreign IP really is activity from an
 * infrequent country). Any other alert is a false positive.
 */
export const EPISODE_EXPECTATIONS: Record<TEpisodeKind, { required: TBuiltinPolicyKey; acceptable: readonly TBuiltinPolicyKey[] }> = {
  "impossible-travel": { required: "impossible_travel", acceptable: ["infrequent_country"] },
  "brute-force": { required: "failed_logins", acceptable: ["infrequent_country", "impossible_travel", "suspicious_ip"] },
  tor: { required: "anonymous_ip", acceptable: ["infrequent_country", "impossible_travel"] },
  "suspicious-ip": { required: "suspicious_ip", acceptable: ["infrequent_country", "impossible_travel"] },
  "infrequent-country": { required: "infrequent_country", acceptable: ["impossible_travel"] },
  "admin-spree": { required: "unusual_admin", acceptable: [] },
  impersonation: { required: "unusual_impersonation", acceptable: [] },
};

export type TScoredAlert = Readonly<{ policyKey: string; eventIds: readonly string[]; explanation: string }>;

export type TPolicyScore = { policy: TBuiltinPolicyKey; alerts: number; truePositives: number; falsePositives: number; expected: number; detected: number; precision: number; recall: number };

export type TScoreResult = { scores: TPolicyScore[]; falsePositives: TScoredAlert[]; missed: { policy: TBuiltinPolicyKey; label: TEpisodeLabel }[] };

/** Precision and recall per built-in policy: an alert matches an episode when they share an activity. */
export const scoreDetections = (labels: readonly TEpisodeLabel[], alerts: readonly TScoredAlert[]): TScoreResult => {
  const labelOfEvent = new Map<string, TEpisodeLabel>();
  for (const label of labels) for (const id of label.eventIds) labelOfEvent.set(id, label);
  const matches = (alert: TScoredAlert) => [...new Set(alert.eventIds.map((id) => labelOfEvent.get(id)).filter((l): l is TEpisodeLabel => l !== undefined))];
  const falsePositives: TScoredAlert[] = [];
  const missed: TScoreResult["missed"] = [];
  const scores = BUILTIN_POLICY_KEYS.map((policy): TPolicyScore => {
    const mine = alerts.filter((a) => a.policyKey === policy);
    let truePositives = 0;
    const detected = new Set<string>();
    for (const alert of mine) {
      const matched = matches(alert).filter((l) => EPISODE_EXPECTATIONS[l.kind].required === policy || EPISODE_EXPECTATIONS[l.kind].acceptable.includes(policy));
      if (matched.length > 0) truePositives++;
      else falsePositives.push(alert);
      matched.forEach((l) => detected.add(l.id));
    }
    const expected = labels.filter((l) => EPISODE_EXPECTATIONS[l.kind].required === policy);
    const found = expected.filter((l) => detected.has(l.id));
    for (const label of expected) if (!detected.has(label.id)) missed.push({ policy, label });
    return {
      policy,
      alerts: mine.length,
      truePositives,
      falsePositives: mine.length - truePositives,
      expected: expected.length,
      detected: found.length,
      precision: mine.length === 0 ? 1 : truePositives / mine.length,
      recall: expected.length === 0 ? 1 : found.length / expected.length,
    };
  });
  return { scores, falsePositives, missed };
};

/** The table the corpus test prints. */
export const formatScoreTable = (scores: readonly TPolicyScore[]): string => {
  const rows = scores.map((s) => [s.policy, String(s.expected), String(s.detected), String(s.alerts), String(s.falsePositives), s.precision.toFixed(2), s.recall.toFixed(2)]);
  const header = ["policy", "expected", "detected", "alerts", "false pos.", "precision", "recall"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
};
