import { sql } from "kysely";
import type { TDetectionActivity } from "../../detection/types";
import { getSql, type Sql } from "../db";
import { readActivitiesAfter } from "./activity-repository";
import { upsertAlertsInTransaction, type TAlertWrite } from "./alert-repository";
import { loadDetectionProfiles, saveDetectionProfiles } from "./detection-profile-repository";
import { sessionAlertTx, type TSessionAlertTx } from "./session-alert-repository";

// A consumer's per-connector cursor over activities (activity_consumer_cursors), and the detection transaction
// held on it. On the pg pool: the detection pipeline runs for every stored activity (docs/benchmarks.md).

/** What a detection pass may do while it holds its cursor row: every write commits with the cursor's move. */
export type TDetectionTx = Readonly<{
  lastSeq: bigint;
  readActivities: (afterSeq: bigint, limit: number) => Promise<TDetectionActivity[]>;
  loadProfiles: (actorIds: readonly string[]) => Promise<Map<string, unknown>>;
  saveProfiles: (profiles: ReadonlyMap<string, unknown>) => Promise<void>;
  upsertAlerts: (alerts: readonly TAlertWrite[]) => Promise<number>;
  saveCursor: (lastSeq: bigint) => Promise<void>;
  /** Session-policy alerts and notices (issue 22). */
  session: TSessionAlertTx;
}>;

const detectionTx = (trx: Sql, consumer: string, connectorId: string, lastSeq: bigint): TDetectionTx => ({
  lastSeq,
  readActivities: (afterSeq, limit) => readActivitiesAfter(connectorId, afterSeq, limit, trx),
  loadProfiles: (actorIds) => loadDetectionProfiles(connectorId, actorIds, trx),
  saveProfiles: (profiles) => saveDetectionProfiles(connectorId, profiles, trx),
  upsertAlerts: (alerts) => upsertAlertsInTransaction(connectorId, alerts, trx),
  session: sessionAlertTx(connectorId, trx),
  saveCursor: async (seq) => {
    await trx
      .updateTable("activity_consumer_cursors")
      .set((eb) => ({ last_seq: seq.toString(), updated_at: eb.fn<Date>("now") }))
      .where("consumer", "=", consumer)
      .where("connector_id", "=", connectorId)
      .execute();
  },
});

/**
 * Runs `work` in one transaction holding the consumer's cursor row of this connector (FOR UPDATE SKIP
 * LOCKED): a second worker gets null at once instead of processing the same activities twice.
 */
export const withDetectionCursor = async <T>(consumer: string, connectorId: string, work: (t: TDetectionTx) => Promise<T>, db: Sql = getSql()): Promise<T | null> => {
  // Outside the transaction, so the row exists for FOR UPDATE below even on a connector's first pass.
  await db
    .insertInto("activity_consumer_cursors")
    .values((eb) => ({ consumer, connector_id: connectorId, last_seq: "0", updated_at: eb.fn<Date>("now") }))
    .onConflict((oc) => oc.doNothing())
    .execute();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("activity_consumer_cursors")
      .select("last_seq")
      .where("consumer", "=", consumer)
      .where("connector_id", "=", connectorId)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    return row ? work(detectionTx(trx, consumer, connectorId, BigInt(row.last_seq))) : null;
  });
};

/** Connectors detection has started on (it has a cursor row): the ones the priority loop follows. */
export const listDetectedConnectorIds = async (db: Sql = getSql()): Promise<string[]> =>
  (await db.selectFrom("activity_consumer_cursors").select("connector_id").where("consumer", "=", "detection").execute()).map((r) => r.connector_id);

/** The detection pass's consumer name (run-detection-pass.ts DETECTION_CONSUMER). */
const DETECTION = "detection";

/** The priority loop's place (lib/server/services/priority): activities and alert changes it has accounted for. */
export type TPriorityCursors = Readonly<{
  trx: Sql;
  /** Activities up to this seq are accounted for. */
  lastSeq: bigint;
  /** Detection's cursor: the priority never runs ahead of the alerts (its seqs are committed with them). */
  detectedSeq: bigint;
  /** Alerts updated up to this time are accounted for. */
  alertsSeenAt: Date;
  save: (lastSeq: bigint, alertsSeenAt: Date) => Promise<void>;
}>;

const PRIORITY = "priority";
/** The alert-change watermark, as epoch milliseconds in last_seq. */
const PRIORITY_ALERTS = "priority-alerts";

/** Runs `work` holding the connector's priority cursor row (FOR UPDATE SKIP LOCKED): a second worker gets null. */
export const withPriorityCursors = async <T>(connectorId: string, work: (c: TPriorityCursors) => Promise<T>, db: Sql = getSql()): Promise<T | null> => {
  await db
    .insertInto("activity_consumer_cursors")
    .values([PRIORITY, PRIORITY_ALERTS].map((consumer) => ({ consumer, connector_id: connectorId, last_seq: "0", updated_at: sql<Date>`now()` })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  return db.transaction().execute(async (trx) => {
    const own = await trx
      .selectFrom("activity_consumer_cursors")
      .select("last_seq")
      .where("consumer", "=", PRIORITY)
      .where("connector_id", "=", connectorId)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!own) return null;
    const others = await trx
      .selectFrom("activity_consumer_cursors")
      .select(["consumer", "last_seq"])
      .where("consumer", "in", [DETECTION, PRIORITY_ALERTS])
      .where("connector_id", "=", connectorId)
      .execute();
    const of = (consumer: string) => BigInt(others.find((o) => o.consumer === consumer)?.last_seq ?? "0");
    const save = async (lastSeq: bigint, alertsSeenAt: Date) => {
      for (const [consumer, value] of [[PRIORITY, lastSeq], [PRIORITY_ALERTS, BigInt(alertsSeenAt.getTime())]] as const) {
        await trx
          .updateTable("activity_consumer_cursors")
          .set({ last_seq: value.toString(), updated_at: sql<Date>`now()` })
          .where("consumer", "=", consumer)
          .where("connector_id", "=", connectorId)
          .execute();
      }
    };
    return work({ trx, lastSeq: BigInt(own.last_seq), detectedSeq: of(DETECTION), alertsSeenAt: new Date(Number(of(PRIORITY_ALERTS))), save });
  });
};
