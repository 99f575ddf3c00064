import { countryName, formatDuration, plural } from "../format";
import { DAY_MS } from "../profile-state";
import {
  ACTIVITY_POINTS,
  BENIGN_FACTOR,
  BURST_GAP_MS,
  BURST_MAX_POINTS,
  BURST_MIN_FAILURES,
  decayOf,
  PRIORITY_WINDOW_MS,
  rarityOf,
  SEVERITY_POINTS,
  TREND_DAYS,
  type TPrioritySeverity,
  type TUnusualKind,
} from "./formula";

export type TPriorityAlert = Readonly<{
  id: string;
  policyKey: string;
  policyName: string;
  title: string;
  severity: TPrioritySeverity;
  classification: string | null;
  /** The alert's last activity: when it last said something about the person. */
  at: Date;
}>;

/** An activity linked to no alert that enrichment or the directory marks as unusual. */
export type TPriorityActivity = Readonly<{
  /** activities.seq (the activity's id in the API). */
  id: string;
  kind: "anonymous_ip" | "suspicious_ip" | "failed_sign_in" | "new_country";
  at: Date;
  ip: string | null;
  countryCode: string | null;
  tags: readonly string[];
}>;

export type TPriorityInput = Readonly<{
  alerts: readonly TPriorityAlert[];
  activities: readonly TPriorityActivity[];
  /** Alerts per policy key in the user's connector over the last 30 days. */
  policyAlerts30d: Readonly<Record<string, number>>;
  now: Date;
}>;

export type TContribution = { kind: "alert" | "activity"; id: string; label: string; points: number; at: string };
export type TPriority = { score: number; trend: number[]; contributions: TContribution[] };

const within = (at: Date, now: Date) => at.getTime() <= now.getTime() && now.getTime() - at.getTime() < PRIORITY_WINDOW_MS;
const pointsOf = (base: number, at: Date, now: Date) => Math.max(1, Math.round(base * decayOf(now.getTime() - at.getTime())));

const alertContributions = (input: TPriorityInput, now: Date): TContribution[] =>
  input.alerts
    .filter((a) => within(a.at, now) && a.classification !== "false_positive")
    .map((a) => {
      const rarity = rarityOf(input.policyAlerts30d[a.policyKey] ?? 1);
      const benign = a.classification === "benign_true_positive" ? BENIGN_FACTOR : 1;
      return { kind: "alert", id: a.id, label: a.title, points: pointsOf(SEVERITY_POINTS[a.severity] * rarity * benign, a.at, now), at: a.at.toISOString() };
    });

type TGroup = { kind: TUnusualKind; key: string; items: TPriorityActivity[] };

/** Failed sign-ins in bursts (no gap over 30 minutes); bursts under the minimum are everyday typos. */
const bursts = (failures: readonly TPriorityActivity[]): TGroup[] => {
  const groups: TGroup[] = [];
  let current: TPriorityActivity[] = [];
  for (const f of [...failures].sort((x, y) => x.at.getTime() - y.at.getTime() || Number(x.id) - Number(y.id))) {
    const last = current[current.length - 1];
    if (last && f.at.getTime() - last.at.getTime() > BURST_GAP_MS) {
      groups.push({ kind: "failed_sign_ins", key: current[0]?.id ?? "", items: current });
      current = [];
    }
    current.push(f);
  }
  if (current.length > 0) groups.push({ kind: "failed_sign_ins", key: current[0]?.id ?? "", items: current });
  return groups.filter((g) => g.items.length >= BURST_MIN_FAILURES);
};

const groupsOf = (activities: readonly TPriorityActivity[]): TGroup[] => {
  const byKey = new Map<string, TGroup>();
  for (const a of activities) {
    if (a.kind === "failed_sign_in") continue;
    const key = a.kind === "new_country" ? (a.countryCode ?? "") : (a.ip ?? "");
    const id = `${a.kind}:${key}`;
    const group = byKey.get(id) ?? { kind: a.kind, key, items: [] };
    group.items.push(a);
    byKey.set(id, group);
  }
  return [...byKey.values(), ...bursts(activities.filter((a) => a.kind === "failed_sign_in"))];
};

const labelOf = (g: TGroup, first: TPriorityActivity, last: TPriorityActivity): string => {
  const n = g.items.length;
  const tags = [...new Set(g.items.flatMap((i) => i.tags))].join(", ");
  switch (g.kind) {
    case "anonymous_ip":
      return `${plural(n, "activity", "activities")} from anonymous IP ${g.key}${tags ? ` (${tags})` : ""}`;
    case "suspicious_ip":
      return `${plural(n, "activity", "activities")} from suspicious IP ${g.key}${tags ? ` (${tags})` : ""}`;
    case "new_country":
      return `First activity from ${countryName(g.key || null)}`;
    case "failed_sign_ins":
      return `${plural(n, "failed sign-in")} within ${formatDuration(last.at.getTime() - first.at.getTime())}`;
  }
};

const activityContributions = (input: TPriorityInput, now: Date): TContribution[] =>
  groupsOf(input.activities.filter((a) => within(a.at, now))).map((g) => {
    const sorted = [...g.items].sort((x, y) => x.at.getTime() - y.at.getTime());
    const first = sorted[0] as TPriorityActivity;
    const last = sorted[sorted.length - 1] as TPriorityActivity;
    const base = g.kind === "failed_sign_ins" ? Math.min(BURST_MAX_POINTS, ACTIVITY_POINTS.failed_sign_ins + g.items.length - BURST_MIN_FAILURES) : ACTIVITY_POINTS[g.kind];
    // The burst is shown by its first failure, the others by their latest activity (the one the decay is measured on).
    const shown = g.kind === "failed_sign_ins" ? first : last;
    return { kind: "activity", id: shown.id, label: labelOf(g, first, last), points: pointsOf(base, last.at, now), at: last.at.toISOString() };
  });

/** Every contribution at `now`, highest first: the score is their sum. */
export const contributionsAt = (input: TPriorityInput, now: Date): TContribution[] =>
  [...alertContributions(input, now), ...activityContributions(input, now)].sort((a, b) => b.points - a.points || b.at.localeCompare(a.at) || a.id.localeCompare(b.id));

const sum = (contributions: readonly TContribution[]) => contributions.reduce((total, c) => total + c.points, 0);

/**
 * A user's investigation priority at `input.now`: the score with every contribution behind it, and the score at
 * the end of each of the last 7 days (the last value is the score now). Pure: the inputs must cover 13 days.
 */
export const scorePriority = (input: TPriorityInput): TPriority => {
  const contributions = contributionsAt(input, input.now);
  const trend = Array.from({ length: TREND_DAYS }, (_, i) => {
    const at = new Date(input.now.getTime() - (TREND_DAYS - 1 - i) * DAY_MS);
    return i === TREND_DAYS - 1 ? sum(contributions) : sum(contributionsAt(input, at));
  });
  return { score: sum(contributions), trend, contributions };
};
