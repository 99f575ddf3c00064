import type { NotificationChannelKind, Prisma, Severity, WorkStatus } from "../../generated/prisma/client";
import { getDb, getPgPool } from "../db";

/** Every column but the encrypted secret, which only the sender reads (findChannelWithSecret). */
const CHANNEL_SELECT = {
  id: true,
  name: true,
  kind: true,
  enabled: true,
  settings: true,
  secretHint: true,
  minSeverity: true,
  policyKeys: true,
  lastSuccessAt: true,
  lastFailureAt: true,
  lastError: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.NotificationChannelSelect;

export type ChannelRecord = Prisma.NotificationChannelGetPayload<{ select: typeof CHANNEL_SELECT }> & { hasSecret: boolean };
export type ChannelWithSecret = ChannelRecord & { secretCiphertext: string | null };

const SELECT_WITH_SECRET = { ...CHANNEL_SELECT, secretCiphertext: true } as const;

/** Drops the ciphertext, keeping only whether there is one. */
const withHasSecret = ({ secretCiphertext, ...rest }: Prisma.NotificationChannelGetPayload<{ select: typeof SELECT_WITH_SECRET }>): ChannelRecord => ({
  ...rest,
  hasSecret: secretCiphertext !== null,
});

export type ChannelData = Readonly<{
  name: string;
  kind: NotificationChannelKind;
  enabled: boolean;
  /** Non-secret settings (validated by ZEmailSettings for email channels). */
  settings: Readonly<Record<string, unknown>>;
  secretCiphertext: string | null;
  secretHint: string | null;
  minSeverity: Severity;
  policyKeys: string[];
  createdById: string | null;
}>;

/** `id` is made by the caller: the secret's ciphertext is bound to it (secret-columns.ts). */
export const insertChannel = async ({ settings, ...data }: ChannelData & Readonly<{ id: string }>): Promise<ChannelRecord> =>
  withHasSecret(await getDb().notificationChannel.create({ data: { ...data, settings: settings as Prisma.InputJsonValue }, select: SELECT_WITH_SECRET }));

export type ChannelPatch = Partial<Omit<ChannelData, "kind" | "createdById">>;

export const updateChannel = async (id: string, { settings, ...patch }: ChannelPatch): Promise<ChannelRecord> =>
  withHasSecret(
    await getDb().notificationChannel.update({
      where: { id },
      data: { ...patch, ...(settings !== undefined ? { settings: settings as Prisma.InputJsonValue } : {}) },
      select: SELECT_WITH_SECRET,
    }),
  );

export const deleteChannel = async (id: string): Promise<void> => {
  await getDb().notificationChannel.delete({ where: { id }, select: { id: true } });
};

export const findChannel = async (id: string): Promise<ChannelRecord | null> => {
  const row = await getDb().notificationChannel.findUnique({ where: { id }, select: SELECT_WITH_SECRET });
  return row ? withHasSecret(row) : null;
};

export const findChannelByName = (name: string) => getDb().notificationChannel.findUnique({ where: { name }, select: { id: true } });

export const listChannels = async (): Promise<ChannelRecord[]> =>
  (await getDb().notificationChannel.findMany({ select: SELECT_WITH_SECRET, orderBy: { name: "asc" } })).map(withHasSecret);

/** With the encrypted secret: for the sender only. */
export const findChannelWithSecret = async (id: string): Promise<ChannelWithSecret | null> => {
  const row = await getDb().notificationChannel.findUnique({ where: { id }, select: SELECT_WITH_SECRET });
  return row ? { ...row, hasSecret: row.secretCiphertext !== null } : null;
};

export const listEnabledChannelsWithSecret = async (kinds: readonly NotificationChannelKind[]): Promise<ChannelWithSecret[]> =>
  (
    await getDb().notificationChannel.findMany({
      where: { enabled: true, kind: { in: [...kinds] } },
      select: SELECT_WITH_SECRET,
      orderBy: { createdAt: "asc" },
    })
  ).map((row) => ({ ...row, hasSecret: row.secretCiphertext !== null }));

/** Records the outcome of a send on the channel (shown on its page). */
export const recordChannelOutcome = async (id: string, outcome: Readonly<{ ok: true; at: Date } | { ok: false; at: Date; error: string }>): Promise<void> => {
  await getDb().notificationChannel.updateMany({
    where: { id },
    data: outcome.ok ? { lastSuccessAt: outcome.at } : { lastFailureAt: outcome.at, lastError: outcome.error },
  });
};

// ── deliveries ────────────────────────────────────────────────────────────────────────────────────────

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

export const insertDelivery = (data: NewDelivery): Promise<DeliveryRecord> => getDb().notificationDelivery.create({ data, select: DELIVERY_SELECT });

/** Newest first, keyset-paginated on (createdAt, id). */
export const listDeliveries = async (
  options: Readonly<{ channelId: string; status?: WorkStatus; after?: { createdAt: Date; id: string }; limit: number }>,
): Promise<{ rows: DeliveryRecord[]; hasMore: boolean }> => {
  const { after } = options;
  const rows = await getDb().notificationDelivery.findMany({
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

export type ClaimedDelivery = Readonly<{
  id: string;
  channelId: string;
  kind: string;
  alertId: string | null;
  message: unknown;
  attempts: number;
}>;

/**
 * Claims due pending deliveries (SKIP LOCKED, so workers share them) by counting the attempt and moving
 * next_attempt_at past the lease: the send happens outside the transaction, and a worker that dies
 * mid-send leaves the row to be retried once the lease runs out. Each channel gets at most `perChannel`
 * minus what the caller already has in flight for it, and channels at their cap are skipped before the
 * window is taken, so one slow receiver can neither take every slot nor starve the others.
 */
export const claimDueDeliveries = async (
  options: Readonly<{
    limit: number;
    leaseSeconds: number;
    perChannel: number;
    inFlightByChannel: ReadonlyMap<string, number>;
    /** Presence key of the claiming worker: its claims are freed as soon as it is gone. */
    claimant?: number | null;
  }>,
): Promise<ClaimedDelivery[]> => {
  const busy = [...options.inFlightByChannel];
  const { rows } = await getPgPool().query<{ id: string; channel_id: string; kind: string; alert_id: string | null; message: unknown; attempts: number }>(
    `WITH in_flight AS (SELECT * FROM unnest($3::uuid[], $5::int[]) AS f(channel_id, sending)),
     due AS (
       SELECT id, channel_id, next_attempt_at FROM notification_deliveries d
       WHERE status = 'pending' AND next_attempt_at <= clock_timestamp()
         AND NOT EXISTS (SELECT 1 FROM in_flight f WHERE f.channel_id = d.channel_id AND f.sending >= $4)
       ORDER BY next_attempt_at LIMIT $1 * 10 FOR UPDATE SKIP LOCKED),
     picked AS (
       SELECT r.id FROM (SELECT id, channel_id, next_attempt_at, row_number() OVER (PARTITION BY channel_id ORDER BY next_attempt_at) AS n FROM due) r
       LEFT JOIN in_flight f ON f.channel_id = r.channel_id
       WHERE r.n <= $4 - coalesce(f.sending, 0) ORDER BY r.next_attempt_at LIMIT $1)
     UPDATE notification_deliveries d SET attempts = d.attempts + 1, next_attempt_at = clock_timestamp() + make_interval(secs => $2), claimed_by = $6
     FROM picked WHERE d.id = picked.id
     RETURNING d.id::text, d.channel_id::text, d.kind, d.alert_id::text, d.message, d.attempts`,
    [options.limit, options.leaseSeconds, busy.map(([id]) => id), options.perChannel, busy.map(([, n]) => n), options.claimant ?? null],
  );
  return rows.map((r) => ({ id: r.id, channelId: r.channel_id, kind: r.kind, alertId: r.alert_id, message: r.message, attempts: r.attempts }));
};

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
): Promise<void> => {
  const isSuccess = options.status === "succeeded";
  await getPgPool().query(
    `WITH d AS (
       UPDATE notification_deliveries SET status = $2::"WorkStatus", error = $3, next_attempt_at = coalesce($4, next_attempt_at), claimed_by = NULL,
         delivered_at = CASE WHEN $5 THEN $6 ELSE delivered_at END
       WHERE id = $1 RETURNING channel_id)
     UPDATE notification_channels c SET
       last_success_at = CASE WHEN $5 THEN $6 ELSE c.last_success_at END,
       last_failure_at = CASE WHEN $5 THEN c.last_failure_at ELSE $6 END,
       last_error = CASE WHEN $5 THEN c.last_error ELSE $3 END
     FROM d WHERE c.id = d.channel_id AND $7`,
    [options.id, options.status, options.error, options.nextAttemptAt ?? null, isSuccess, options.at, options.isRecordedOnChannel],
  );
};

/** The alert as notifications show it, with its organization (connector) name. */
export const findAlertForNotification = (id: string) =>
  getDb().alert.findUnique({
    where: { id },
    select: {
      id: true,
      severity: true,
      policyKey: true,
      policyName: true,
      title: true,
      explanation: true,
      userAccountId: true,
      userName: true,
      userEmail: true,
      activityCount: true,
      firstActivityAt: true,
      lastActivityAt: true,
      connector: { select: { name: true } },
    },
  });

/** Connectors whose API key expires within `withinDays` (and has not expired yet). */
export const listConnectorsWithExpiringKeys = (now: Date, withinDays: number) =>
  getDb().connector.findMany({
    where: { apiKeyExpiresAt: { gt: now, lte: new Date(now.getTime() + withinDays * 86_400_000) } },
    select: { id: true, name: true, apiKeyExpiresAt: true, apiKeySetAt: true },
  });

/**
 * Queues one key-expiry delivery per enabled channel, once per (connector, threshold, channel). A row
 * left from an earlier key (created before the key was last set) is reused for the new key's warning.
 */
export const queueKeyExpiryDeliveries = async (
  options: Readonly<{ connectorId: string; thresholdDays: number; apiKeySetAt: Date; message: Prisma.InputJsonValue }>,
): Promise<number> => {
  const result = await getPgPool().query(
    `INSERT INTO notification_deliveries (id, channel_id, kind, message, dedupe_key, created_at, next_attempt_at)
     SELECT gen_random_uuid(), c.id, 'connector_key_expiry', $1::jsonb, 'key-expiry:' || $2 || ':' || $3 || ':' || c.id, clock_timestamp(), clock_timestamp()
     FROM notification_channels c WHERE c.enabled
     ON CONFLICT (dedupe_key) DO UPDATE SET status = 'pending', attempts = 0, error = NULL, delivered_at = NULL, message = EXCLUDED.message,
       created_at = EXCLUDED.created_at, next_attempt_at = EXCLUDED.next_attempt_at
     WHERE notification_deliveries.created_at < $4`,
    [JSON.stringify(options.message), options.connectorId, String(options.thresholdDays), options.apiKeySetAt],
  );
  return result.rowCount ?? 0;
};
