import { runDetection } from "../../../detection/engine";
import type { TDirectoryLookup, TRuntimePolicy } from "../../../detection/policy-config";
import { ORG_ACTOR } from "../../../detection/profile-state";
import type { TAlertCandidate, TDetectionActivity } from "../../../detection/types";
import { readActivitiesAfter } from "../../repositories/activity-repository";
import type { TAlertWrite } from "../../repositories/alert-repository";
import { withDetectionCursor } from "../../repositories/consumer-cursor-repository";
import { listRuntimePolicies } from "../../repositories/policy-repository";
import { loadDirectoryLookup } from "./load-directory";
import { planSessionAlertWork, type TCapReached } from "./plan-session-alerts";

export const DETECTION_CONSUMER = "detection";
// Large batches: every batch loads and saves the profiles of its users, whatever their number of activities.
const DEFAULT_BATCH = 50_000;

export type DetectionPassOptions = Readonly<{
  connectorId: string;
  batchSize?: number;
  /** Stop after this long (the current batch finishes). */
  budgetMs?: number;
  /** Policies and directory already loaded by the caller (a loop over connectors loads them once). */
  policies?: readonly TRuntimePolicy[];
  directory?: TDirectoryLookup;
  /** Checked between batches: a stopping worker returns after the current one. */
  isStopping?: () => boolean;
  /** The clock (session-policy notices skip requests older than a day). */
  now?: () => Date;
}>;

export type DetectionPassResult = {
  processed: number;
  alertsCreated: number;
  alertsTouched: number;
  isBusy: boolean;
  /** Session policies (issue 22): notify_user actions queued, matches over a daily cap, caps hit for the first time. */
  noticesQueued: number;
  sessionAlertsSuppressed: number;
  capsReached: TCapReached[];
};

/** One write per episode: the newest candidate's text, every candidate's activities. */
const mergeCandidates = (candidates: readonly TAlertCandidate[], policies: readonly TRuntimePolicy[]): TAlertWrite[] => {
  const byKey = new Map(policies.map((p) => [p.key, p]));
  const merged = new Map<string, TAlertWrite & { seqs: Set<bigint> }>();
  for (const c of candidates) {
    const known = merged.get(c.episodeKey);
    const seqs = known?.seqs ?? new Set<bigint>();
    c.activitySeqs.forEach((s) => seqs.add(s));
    const policy = byKey.get(c.policyKey);
    merged.set(c.episodeKey, {
      ...c,
      policyId: policy?.id ?? null,
      policyName: policy?.name ?? c.policyKey,
      seqs,
      activitySeqs: [],
      firstActivityAt: known && known.firstActivityAt < c.firstActivityAt ? known.firstActivityAt : c.firstActivityAt,
      lastActivityAt: known && known.lastActivityAt > c.lastActivityAt ? known.lastActivityAt : c.lastActivityAt,
    });
  }
  return [...merged.values()].map(({ seqs, ...write }) => ({ ...write, activitySeqs: [...seqs] }));
};

/**
 * Detection for one connector: reads activities after the 'detection' cursor in seq order, batch by batch,
 * and per batch upserts alerts (by episode key), saves the touched profiles and moves the cursor in one
 * transaction holding the cursor row. A crash loses nothing and repeats nothing; a second worker skips.
 */
export const runDetectionPass = async (options: DetectionPassOptions): Promise<DetectionPassResult> => {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const deadline = Date.now() + (options.budgetMs ?? 20_000);
  const policies = options.policies ?? (await listRuntimePolicies());
  const directory = options.directory ?? (await loadDirectoryLookup([options.connectorId]));
  const clock = options.now ?? (() => new Date());
  const result: DetectionPassResult = { processed: 0, alertsCreated: 0, alertsTouched: 0, isBusy: false, noticesQueued: 0, sessionAlertsSuppressed: 0, capsReached: [] };
  // The next batch is read while the current one is processed (used only if the cursor is where it expects).
  let prefetch: { after: bigint; activities: Promise<TDetectionActivity[]> } | null = null;
  for (;;) {
    const batch = await withDetectionCursor(DETECTION_CONSUMER, options.connectorId, async (tx) => {
      const activities = prefetch?.after === tx.lastSeq ? await prefetch.activities : await tx.readActivities(tx.lastSeq, batchSize);
      const last = activities[activities.length - 1];
      prefetch = null;
      if (!last) return { count: 0, created: 0, touched: 0, session: null };
      if (activities.length === batchSize) {
        const next = readActivitiesAfter(options.connectorId, last.seq, batchSize);
        next.catch(() => undefined);
        prefetch = { after: last.seq, activities: next };
      }
      const actorIds = new Set<string>([ORG_ACTOR]);
      for (const a of activities) if (!a.isSystem) actorIds.add(a.actorId);
      const stored = await tx.loadProfiles([...actorIds]);
      const out = runDetection({ activities, policies, directory, states: stored, isLive: true });
      const sessionWork = await planSessionAlertWork(tx.session, activities, clock());
      const alerts = [...mergeCandidates(out.candidates, policies), ...sessionWork.alerts];
      const created = await tx.upsertAlerts(alerts);
      const session = await sessionWork.finish();
      await tx.saveProfiles(out.states);
      await tx.saveCursor(last.seq);
      return { count: activities.length, created, touched: alerts.length, session };
    });
    if (batch === null) return { ...result, isBusy: true };
    result.processed += batch.count;
    result.alertsCreated += batch.created;
    result.alertsTouched += batch.touched;
    if (batch.session) {
      result.noticesQueued += batch.session.noticesQueued;
      result.sessionAlertsSuppressed += batch.session.suppressed;
      result.capsReached.push(...batch.session.capsReached);
    }
    if (batch.count < batchSize || Date.now() >= deadline || options.isStopping?.()) return result;
  }
};
