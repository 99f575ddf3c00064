import type { NotificationChannelKind, Prisma, Severity } from "../../generated/prisma/client";
import type { TMessagePer } from "../../shared/schemas/incidents";
import { getDb, type Db } from "../db";
import { ConflictError, withConflict } from "./persistence-errors";

// Notification channels (notification_channels): where alerts and notices are sent.

/** Channel names are unique (notification_channels.name): a taken one is a 409 on the name field. */
export const channelNameTaken = (name: string) => new ConflictError(`A notification channel named "${name}" already exists`, "name");

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
  messagePer: true,
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
  /** Default "alert". */
  messagePer?: TMessagePer;
  createdById: string | null;
}>;

/** `id` is made by the caller: the secret's ciphertext is bound to it (secret-columns.ts). */
export const insertChannel = async ({ settings, ...data }: ChannelData & Readonly<{ id: string }>, db: Db = getDb()): Promise<ChannelRecord> =>
  withHasSecret(
    await withConflict(
      () => db.notificationChannel.create({ data: { ...data, settings: settings as Prisma.InputJsonValue }, select: SELECT_WITH_SECRET }),
      () => channelNameTaken(data.name),
    ),
  );

export type ChannelPatch = Partial<Omit<ChannelData, "kind" | "createdById">>;

/** Only a new name can be taken, so a conflict names `patch.name`. */
export const updateChannel = async (id: string, { settings, ...patch }: ChannelPatch, db: Db = getDb()): Promise<ChannelRecord> =>
  withHasSecret(
    await withConflict(
      () =>
        db.notificationChannel.update({
          where: { id },
          data: { ...patch, ...(settings !== undefined ? { settings: settings as Prisma.InputJsonValue } : {}) },
          select: SELECT_WITH_SECRET,
        }),
      () => channelNameTaken(patch.name ?? ""),
    ),
  );

export const deleteChannel = async (id: string, db: Db = getDb()): Promise<void> => {
  await db.notificationChannel.delete({ where: { id }, select: { id: true } });
};

export const findChannel = async (id: string, db: Db = getDb()): Promise<ChannelRecord | null> => {
  const row = await db.notificationChannel.findUnique({ where: { id }, select: SELECT_WITH_SECRET });
  return row ? withHasSecret(row) : null;
};

export const findChannelByName = (name: string, db: Db = getDb()) => db.notificationChannel.findUnique({ where: { name }, select: { id: true } });

export const listChannels = async (db: Db = getDb()): Promise<ChannelRecord[]> =>
  (await db.notificationChannel.findMany({ select: SELECT_WITH_SECRET, orderBy: { name: "asc" } })).map(withHasSecret);

/** With the encrypted secret: for the sender only. */
export const findChannelWithSecret = async (id: string, db: Db = getDb()): Promise<ChannelWithSecret | null> => {
  const row = await db.notificationChannel.findUnique({ where: { id }, select: SELECT_WITH_SECRET });
  return row ? { ...row, hasSecret: row.secretCiphertext !== null } : null;
};

export const listEnabledChannelsWithSecret = async (kinds: readonly NotificationChannelKind[], db: Db = getDb()): Promise<ChannelWithSecret[]> =>
  (
    await db.notificationChannel.findMany({
      where: { enabled: true, kind: { in: [...kinds] } },
      select: SELECT_WITH_SECRET,
      orderBy: { createdAt: "asc" },
    })
  ).map((row) => ({ ...row, hasSecret: row.secretCiphertext !== null }));

/** Records the outcome of a send on the channel (shown on its page). */
export const recordChannelOutcome = async (
  id: string,
  outcome: Readonly<{ ok: true; at: Date } | { ok: false; at: Date; error: string }>,
  db: Db = getDb(),
): Promise<void> => {
  await db.notificationChannel.updateMany({
    where: { id },
    data: outcome.ok ? { lastSuccessAt: outcome.at } : { lastFailureAt: outcome.at, lastError: outcome.error },
  });
};
