import { evaluateCustomPolicy, type TCustomWindows } from "../../../detection/custom/evaluate-custom";
import { EMPTY_SCOPE, type TRuntimePolicy } from "../../../detection/policy-config";
import type { TAlertCandidate } from "../../../detection/types";
import type { TPolicyPreviewDto, TPolicyPreviewInput } from "../../../shared/schemas/policies";
import { scanActivitiesByEventTime } from "../../repositories/activity-repository";
import { takeUserSlot } from "../limits/user-slots";
import { loadDirectoryLookup } from "./load-directory";

const DAY_MS = 86_400_000;
const PAGE = 5_000;
/** Bounded work: a preview never reads more than this many activities (the newest days are dropped first). */
export const PREVIEW_MAX_ACTIVITIES = 500_000;
const MAX_EXAMPLES = 10;
/** Previews of one user running at once (each may read PREVIEW_MAX_ACTIVITIES rows). */
export const MAX_PREVIEWS_PER_USER = 2;

type Episode = { candidate: TAlertCandidate; seqs: Set<bigint> };

/**
 * Runs a custom policy (not yet saved) over the stored activities of the last `days` days, the same
 * evaluator the live pipeline uses, and says how many alerts it would have raised with the newest examples.
 * Unlike the live pipeline it looks back: it ignores when the policy was created. With `userId` (the caller), at
 * most MAX_PREVIEWS_PER_USER previews of that user run at once (429 beyond).
 */
export const previewPolicy = async (input: TPolicyPreviewInput, now: Date, userId?: string): Promise<TPolicyPreviewDto> => {
  // Taken before the first await, so that concurrent previews of one user never pass the limit together.
  const release = userId ? takeUserSlot({ kind: "preview", userId, max: MAX_PREVIEWS_PER_USER, what: "policy previews" }) : () => undefined;
  try {
    return await runPreview(input, now);
  } finally {
    release();
  }
};

const runPreview = async (input: TPolicyPreviewInput, now: Date): Promise<TPolicyPreviewDto> => {
  const policy: TRuntimePolicy = {
    id: "preview",
    key: "custom:preview",
    builtinKey: null,
    name: "Preview",
    enabled: true,
    sensitivity: "medium",
    severity: "medium",
    scope: input.scope ?? EMPTY_SCOPE,
    filter: input.filter,
    trigger: input.trigger,
    createdAt: now,
  };
  const directory = await loadDirectoryLookup();
  const windows: TCustomWindows = {};
  const episodes = new Map<string, Episode>();
  const from = new Date(now.getTime() - input.days * DAY_MS);
  let scanned = 0;
  let after: { time: Date; seq: bigint } | undefined;
  while (scanned < PREVIEW_MAX_ACTIVITIES) {
    const page = await scanActivitiesByEventTime({ from, to: now, after, limit: Math.min(PAGE, PREVIEW_MAX_ACTIVITIES - scanned) });
    if (page.length === 0) break;
    scanned += page.length;
    for (const candidate of evaluateCustomPolicy(policy, page, windows, { directory, isLive: false })) {
      const known = episodes.get(candidate.episodeKey);
      if (known) {
        known.candidate = candidate;
        candidate.activitySeqs.forEach((s) => known.seqs.add(s));
      } else episodes.set(candidate.episodeKey, { candidate, seqs: new Set(candidate.activitySeqs) });
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    after = { time: last.eventTime, seq: last.seq };
  }
  const examples = [...episodes.values()]
    .sort((a, b) => b.candidate.lastActivityAt.getTime() - a.candidate.lastActivityAt.getTime())
    .slice(0, MAX_EXAMPLES)
    .map(({ candidate, seqs }) => ({
      title: candidate.title,
      explanation: candidate.explanation,
      user: { ...candidate.user },
      firstActivityAt: candidate.firstActivityAt.toISOString(),
      lastActivityAt: candidate.lastActivityAt.toISOString(),
      activityCount: seqs.size,
    }));
  return { days: input.days, activitiesScanned: scanned, alertCount: episodes.size, examples };
};
