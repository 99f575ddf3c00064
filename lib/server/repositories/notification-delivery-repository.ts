import { sql } from "kysely";
import type { Prisma, WorkStatus } from "../../generated/prisma/client";
import { getDb, getSql, type Db, type Sql } from "../db";

// Notification deliveries (notification_deliveries): the outbox the notify loop works through, one row per
// message and channel. The claim, the outcome and the key-expiry fan-out run on the pg pool, the notify loop's
// hot path (they did before typed SQL too).

const DELIVERY_SELECT = {
  id: true,
  channelId: true,
  kind: true,
  alertId: true,
  message: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  error: true,
  dedupeKey: true,
  createdAt: true,
  deliveredAt: true,
} as const satisfies Prisma.NotificationDeliverySelect;

export type DeliveryRecord = Prisma.NotificationDeliveryGetPayload<{ select: typeof DELIVERY_SELECT }>;

export type NewDelivery = Readonly<{
  channelId: string;
  kind: string;
  alertId?: string | null;
  message: Prisma.InputJsonValue;
  status?: WorkStatus;
  attempts?: number;
  error?: string | null;
  nextAttemptAt?: Date;
  deliveredAt?: Date | null;
  dedupeKey?: string | null;
}>;

export const insertDelivery = (data: NewDelivery, db: Db = getDb()): Promise<DeliveryRecord> => db.notificationDelivery.create({ data, select: DELIVERY_SELECT });

/** Newest first, keyset-paginated on (createdAt, id). */
export const listDeliveries = async (
  options: Readonly<{ channelId: string; status?: WorkStatus; after?: { createdAt: Date; id: string }; limit: number }>,
  db: Db = getDb(),
): Promise<{ rows: DeliveryRecord[]; hasMore: boolean }> => {
  const { after } = options;
  const rows = await db.notificationDelivery.findMany({
    where: {
      channelId: options.channelId,
      ...(options.status ? { status: options.status } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    select: DELIVERY_SELECT,
  });
  return { rows: rows.slice(0, options.limit), hasMore: rows.length > options.limit };
};

/**
 * Claims due pending deliveries (SKIP LOCKED, so workers share them) by counting the attempt and moving
 * next_attempt_at past the lease: the send happens outside the transaction, and a worker that dies
 * mid-send leaves the row to be retried once the lease runs out. Each channel gets at most `perChannel`
 * minus what the caller already has in flight for it, and channels at their cap are skipped before the
 * window is taken, so one slow receiver can neither take every slot nor starve the others.
 */
export const claimDueDeliveries = (
  options: Readonly<{
    limit: number;
    leaseSeconds: number;
    perChannel: number;
    inFlightByChannel: ReadonlyMap<string, number>;
    /** Presence key of the claiming worker: its claims are freed as soon as it is gone. */
    claimant?: number | null;
  }>,
  sqlDb: Sql = getSql(),
) => {
  const busy = [...options.inFlightByChannel];
  return (
    sqlDb
      // The caller's in-flight count per channel as rows: a fragment, as unnest of two arrays has no builder form.
      // (Kysely writes a raw CTE body without parentheses: they are part of the fragment.)
      .with(
        "in_flight",
        () => sql<{ channel_id: string; sending: number }>`(SELECT * FROM unnest(${busy.map(([id]) => id)}::uuid[], ${busy.map(([, n]) => n)}::int[]) AS f(channel_id, sending))`,
      )
      .with("due", (db) =>
        db
          .selectFrom("notification_deliveries as d")
          .select(["d.id", "d.channel_id", "d.next_attempt_at"])
          .where("d.status", "=", "pending")
          .where("d.next_attempt_at", "<=", sql<Date>`clock_timestamp()`)
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom("in_flight as f").select(sql.lit(1).as("one")).whereRef("f.channel_id", "=", "d.channel_id").where("f.sending", ">=", options.perChannel))),
          )
          .orderBy("d.next_attempt_at")
          .limit(options.limit * 10)
          .forUpdate()
          .skipLocked(),
      )
      .with("picked", (db) =>
        db
          .selectFrom((q) =>
            q
              .selectFrom("due")
              .select((eb) => ["due.id", "due.channel_id", "due.next_attempt_at", eb.fn.agg<number>("row_number").over((o) => o.partitionBy("due.channel_id").orderBy("due.next_attempt_at")).as("n")])
              .as("r"),
          )
          .leftJoin("in_flight as f", "f.channel_id", "r.channel_id")
          .select("r.id")
          .where((eb) => eb("r.n", "<=", eb(eb.val(options.perChannel), "-", eb.fn.coalesce("f.sending", sql.lit(0)))))
          .orderBy("r.next_attempt_at")
          .limit(options.limit),
      )
      .updateTable("notification_deliveries as d")
      .set((eb) => ({
        attempts: eb("d.attempts", "+", 1),
        next_attempt_at: sql<Date>`clock_timestamp() + make_interval(secs => ${options.leaseSeconds})`,
        claimed_by: options.claimant ?? null,
      }))
      .from("picked")
      .whereRef("d.id", "=", "picked.id")
      .returning(["d.id", "d.channel_id as channelId", "d.kind", "d.alert_id as alertId", "d.message", "d.attempts"])
      .execute()
  );
};

export type ClaimedDelivery = Awaited<ReturnType<typeof claimDueDeliveries>>[number];

/**
 * Records the outcome of one attempt on the delivery and, unless told not to, on its channel (last success,
 * or last failure and error), in one statement: the notify loop's hot path.
 */
export const completeDeliveryAttempt = async (
  options: Readonly<{
    id: string;
    status: WorkStatus;
    error: string | null;
    nextAttemptAt?: Date;
    at: Date;
    isRecordedOnChannel: boolean;
  }>,
  sqlDb: Sql = getSql(),
): Promise<void> => {
  const isSuccess = options.status === "succeeded";
  const delivery = sqlDb
    .updateTable("notification_deliveries")
    .set((eb) => ({
      status: options.status,
      error: options.error,
      next_attempt_at: options.nextAttemptAt ?? eb.ref("next_attempt_at"),
      claimed_by: null,
      ...(isSuccess ? { delivered_at: options.at } : {}),
    }))
    .where("id", "=", options.id);
  if (!options.isRecordedOnChannel) {
    await delivery.execute();
    return;
  }
  await sqlDb
    .with("d", () => delivery.returning("channel_id"))
    .updateTable("notification_channels as c")
    .set(isSuccess ? { last_success_at: options.at } : { last_failure_at: options.at, last_error: options.error })
    .from("d")
    .whereRef("c.id", "=", "d.channel_id")
    .execute();
};
/**
 * Queues one key-expiry delivery per enabled channel, once per (connector, threshold, channel). A row
 * left from an earlier key (created before the key was last set) is reused for the new key's warning.
 */
export const queueKeyExpiryDeliveries = async (
  options: Readonly<{ connectorId: string; thresholdDays: number; apiKeySetAt: Date; message: Prisma.InputJsonValue }>,
  sqlDb: Sql = getSql(),
): Promise<number> => {
  const now = sql<Date>`clock_timestamp()`;
  const result = await sqlDb
    .insertInto("notification_deliveries")
    .columns(["id", "channel_id", "kind", "message", "dedupe_key", "created_at", "next_attempt_at"])
    .expression((eb) =>
      eb
        .selectFrom("notification_channels as c")
        .select((s) => [
          sql<string>`gen_random_uuid()`.as("id"),
          "c.id as channel_id",
          s.val("connector_key_expiry").as("kind"),
          s.cast(s.val(JSON.stringify(options.message)), "jsonb").as("message"),
          s(s.val(`key-expiry:${options.connectorId}:${options.thresholdDays}:`), "||", s.ref("c.id")).as("dedupe_key"),
          now.as("created_at"),
          now.as("next_attempt_at"),
        ])
        .where((w) => w.ref("c.enabled")),
    )
    .onConflict((oc) =>
      oc
        .column("dedupe_key")
        .doUpdateSet((eb) => ({
          status: "pending",
          attempts: 0,
          error: null,
          delivered_at: null,
          message: eb.ref("excluded.message"),
          created_at: eb.ref("excluded.created_at"),
          next_attempt_at: eb.ref("excluded.next_attempt_at"),
        }))
        .where("notification_deliveries.created_at", "<", options.apiKeySetAt),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
};
