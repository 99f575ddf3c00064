import { listDetectedConnectorIds, withPriorityCursors } from "../../repositories/consumer-cursor-repository";
import { listAccountsOfAlertsUpdatedSince, listActorsBetweenSeqs, listStalePriorities } from "../../repositories/user-priority-repository";
import { computeUserPriorities } from "./compute-user-priorities";

/** Activities per round and connector: a first round over a long history catches up in steps. */
const SEQ_STEP = 100_000n;
/** Alert changes are read again for this long: a triage transaction may commit after a later one. */
const ALERT_OVERLAP_MS = 10_000;
/** The decay refresh: non-zero priorities older than this are recomputed, this many per round. */
export const REFRESH_AFTER_MS = 60 * 60_000;
const REFRESH_BATCH = 1_000;

export type TPriorityRoundResult = { connectors: number; users: number };

/**
 * One round of the priority loop, per connector, holding its priority cursor (a second worker skips it): the
 * actors of activities detection has processed since the last round, the accounts of alerts triaged since then,
 * and the decay refresh of priorities computed over an hour ago. The cursors move in the same transaction as the
 * rows, so a crash repeats the round's work and loses none.
 */
export const runPriorityRound = async (options: Readonly<{ now?: () => Date }> = {}): Promise<TPriorityRoundResult> => {
  const clock = options.now ?? (() => new Date());
  const result: TPriorityRoundResult = { connectors: 0, users: 0 };
  for (const connectorId of await listDetectedConnectorIds()) {
    const users = await withPriorityCursors(connectorId, async (c) => {
      const now = clock();
      const upto = c.detectedSeq < c.lastSeq + SEQ_STEP ? c.detectedSeq : c.lastSeq + SEQ_STEP;
      const [actors, triaged, stale] = await Promise.all([
        upto > c.lastSeq ? listActorsBetweenSeqs(connectorId, c.lastSeq, upto, c.trx) : Promise.resolve([]),
        listAccountsOfAlertsUpdatedSince(connectorId, c.alertsSeenAt, c.trx),
        listStalePriorities(connectorId, new Date(now.getTime() - REFRESH_AFTER_MS), REFRESH_BATCH, c.trx),
      ]);
      const count = await computeUserPriorities({ connectorId, accountIds: [...actors, ...triaged.accountIds, ...stale], now, db: c.trx });
      // Changes are read again for ALERT_OVERLAP_MS after they happen: a triage transaction may commit late.
      const overlapStart = new Date(now.getTime() - ALERT_OVERLAP_MS);
      const seenAt = overlapStart > c.alertsSeenAt ? overlapStart : c.alertsSeenAt;
      if (upto > c.lastSeq || seenAt > c.alertsSeenAt) await c.save(upto > c.lastSeq ? upto : c.lastSeq, seenAt);
      return count;
    });
    if (users !== null) {
      result.connectors++;
      result.users += users;
    }
  }
  return result;
};
