import { findEventAction } from "../../atlassian/event-actions";
import { alertCandidate } from "../candidate";
import { countryName, formatClock, formatDuration, plural } from "../format";
import type { TDirectoryLookup, TRuntimePolicy } from "../policy-config";
import { isInScope } from "../scope";
import type { TAlertCandidate, TDetectionActivity } from "../types";
import { matchesFilter } from "./match-filter";

/** Sliding windows of a repeated-trigger policy, per group (connector x user x product), event time. */
export type TCustomWindows = Record<string, { t: number[]; s: string[]; ep?: { key: string; start: number; last: number; n: number } }>;

export type TCustomEvaluation = Readonly<{
  directory: TDirectoryLookup;
  /** Live pipeline: only activities stored after the policy was created alert. Preview: false (looks back). */
  isLive: boolean;
}>;


const describe = (a: TDetectionActivity): string => {
  const what = findEventAction(a.action)?.displayName ?? a.action;
  const where = a.ip ? ` from ${a.ip} (${[a.city, a.countryCode ? countryName(a.countryCode) : null].filter(Boolean).join(", ") || "unknown location"}${a.ipTags.length > 0 ? `, tagged ${a.ipTags.join(", ")}` : ""})` : "";
  return `${what} by ${a.actorEmail ?? a.actorName ?? a.actorId}${where} at ${formatClock(a.eventTime)} UTC`;
};

const isEligible = (policy: TRuntimePolicy, a: TDetectionActivity, options: TCustomEvaluation): boolean =>
  (!options.isLive || a.storedAt === undefined || a.storedAt >= policy.createdAt) &&
  policy.filter !== null &&
  isInScope(a, policy.scope, options.directory) &&
  matchesFilter(a, policy.filter, options.directory);

/**
 * Runs one custom activity policy over activities sorted by event time. "single": one alert per matching
 * activity. "repeated": an alert when `count` matches fall within `windowMinutes` (per user and/or product);
 * further matches within the window of the last one continue that alert's episode. Mutates `windows`.
 */
export const evaluateCustomPolicy = (
  policy: TRuntimePolicy,
  activities: readonly TDetectionActivity[],
  windows: TCustomWindows,
  options: TCustomEvaluation,
): TAlertCandidate[] => {
  const trigger = policy.trigger;
  if (!trigger || !policy.filter) return [];
  const out: TAlertCandidate[] = [];
  for (const a of activities) {
    if (!isEligible(policy, a, options)) continue;
    if (trigger.kind === "single") {
      out.push(
        alertCandidate(policy, a, {
          episodeKey: `${policy.key}:${a.seq}`,
          title: `${policy.name}: ${a.actorEmail ?? a.actorName ?? a.actorId}`,
          explanation: describe(a),
          details: { action: a.action, ip: a.ip, countryCode: a.countryCode, ipCategory: a.ipCategory, ipTags: a.ipTags },
          activitySeqs: [a.seq],
          first: a.eventTime.getTime(),
          last: a.eventTime.getTime(),
        }),
      );
      continue;
    }
    const windowMs = trigger.windowMinutes * 60_000;
    const group = `${a.connectorId}|${trigger.perUser ? a.actorId : "*"}|${trigger.perProduct ? a.product : "*"}`;
    const w = (windows[group] ??= { t: [], s: [] });
    const t = a.eventTime.getTime();
    w.t.push(t);
    w.s.push(a.seq.toString());
    while (w.t.length > 0 && (w.t[0] ?? t) <= t - windowMs) {
      w.t.shift();
      w.s.shift();
    }
    const isContinuing = w.ep !== undefined && t - w.ep.last <= windowMs;
    let seqs: string[];
    if (isContinuing && w.ep) {
      w.ep.last = Math.max(w.ep.last, t);
      w.ep.n++;
      seqs = [a.seq.toString()];
    } else if (w.t.length >= trigger.count) {
      w.ep = { key: `${policy.key}:${group}:${w.s[0]}`, start: Math.min(...w.t), last: t, n: w.t.length };
      seqs = [...w.s];
    } else {
      if (w.ep && !isContinuing) delete w.ep;
      continue;
    }
    const ep = w.ep as NonNullable<typeof w.ep>;
    const scopeText = [trigger.perUser ? "same user" : null, trigger.perProduct ? `product ${a.product}` : null].filter(Boolean).join(", ");
    out.push(
      alertCandidate(policy, a, {
        episodeKey: ep.key,
        user: trigger.perUser ? undefined : { accountId: null, email: null, name: null },
        title: `${policy.name}${trigger.perUser ? `: ${a.actorEmail ?? a.actorName ?? a.actorId}` : ""}`,
        explanation: `${plural(ep.n, "matching activity", "matching activities")} in ${formatDuration(ep.last - ep.start)} (${formatClock(new Date(ep.start))}–${formatClock(new Date(ep.last))} UTC${scopeText ? `, ${scopeText}` : ""}); the policy alerts at ${trigger.count} within ${trigger.windowMinutes} min`,
        details: { count: ep.n, threshold: trigger.count, windowMinutes: trigger.windowMinutes, product: trigger.perProduct ? a.product : null },
        activitySeqs: seqs.map((s) => BigInt(s)),
        first: ep.start,
        last: ep.last,
      }),
    );
  }
  return out;
};

/** Drops windows and episodes that can no longer grow (older than the window before `nowMs`). */
export const pruneCustomWindows = (windows: TCustomWindows, windowMs: number, nowMs: number): void => {
  for (const [group, w] of Object.entries(windows)) {
    const newest = Math.max(w.ep?.last ?? 0, w.t[w.t.length - 1] ?? 0);
    if (newest <= nowMs - windowMs) delete windows[group];
  }
};
