import { randomUUID } from "node:crypto";
import { AppError } from "../../../shared/errors";
import type { TChannelDto, TCreateChannelInput, TUpdateChannelInput } from "../../../shared/schemas/notifications";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { channelNameTaken, deleteChannel, findChannel, findChannelByName, findChannelWithSecret, insertChannel, updateChannel, type ChannelPatch } from "../../repositories/notification-channel-repository";
import type { Principal } from "../principal";
import { openChannelSecret, PASSWORD_HINT, sealChannelSecret, webhookHint, type ChannelSecret } from "./channel-secret";
import { toChannelDto } from "./channel-dto";
import { assertNotificationTarget } from "./target-policy";

const sealed = (channelId: string, secret: ChannelSecret): { secretCiphertext: string | null; secretHint: string | null } => {
  if (secret.url) return { secretCiphertext: sealChannelSecret(channelId, secret), secretHint: webhookHint(secret.url) };
  if (secret.password) return { secretCiphertext: sealChannelSecret(channelId, secret), secretHint: PASSWORD_HINT };
  return { secretCiphertext: null, secretHint: null };
};

const audit = (actor: Principal, action: "notification_channel.created" | "notification_channel.updated" | "notification_channel.deleted", channel: { id: string; name: string }, details?: Record<string, string | number | boolean | null>) =>
  appendAuditEvent({ action, actorId: actor.userId, actorEmail: actor.email, targetType: "notification_channel", targetId: channel.id, targetName: channel.name, ip: actor.ip, details });

/** Refuses, before saving, a webhook URL or SMTP host that resolves to an address deliveries may not reach. */
const assertTargets = async (input: Readonly<{ url?: string; settings?: { host: string } }>): Promise<void> => {
  if (input.url !== undefined) {
    const url = new URL(input.url);
    await assertNotificationTarget({ host: url.hostname, protocol: url.protocol, field: "url", label: "Webhook URL" });
  }
  if (input.settings !== undefined) await assertNotificationTarget({ host: input.settings.host, protocol: "smtp:", field: "settings.host", label: "SMTP host" });
};

/** Adds a channel (admin): the password or webhook URL is encrypted, only a hint is kept in clear. */
export const createChannel = async (options: Readonly<{ actor: Principal; input: TCreateChannelInput }>): Promise<TChannelDto> => {
  const { actor, input } = options;
  if (await findChannelByName(input.name)) throw channelNameTaken(input.name);
  await assertTargets(input.kind === "email" ? { settings: input.settings } : { url: input.url });
  const secret: ChannelSecret = input.kind === "email" ? (input.password ? { password: input.password } : {}) : { url: input.url };
  // The id is made here, not by the database: the secret's ciphertext is bound to it.
  const id = randomUUID();
  const record = await insertChannel({
    id,
    name: input.name,
    kind: input.kind,
    enabled: input.enabled,
    minSeverity: input.minSeverity,
    policyKeys: [...new Set(input.policyKeys)],
    messagePer: input.messagePer ?? "alert",
    settings: input.kind === "email" ? input.settings : {},
    ...sealed(id, secret),
    createdById: actor.userId,
  });
  await audit(actor, "notification_channel.created", record, { kind: record.kind });
  return toChannelDto(record);
};

/** Edits a channel (admin). The kind is fixed; a secret is replaced only when a new one is given. */
export const updateChannelForActor = async (options: Readonly<{ actor: Principal; id: string; input: TUpdateChannelInput }>): Promise<TChannelDto> => {
  const { actor, id, input } = options;
  const current = await findChannelWithSecret(id);
  if (!current) throw new AppError("not_found", "No notification channel with this id");
  const isEmail = current.kind === "email";
  if (isEmail && input.url !== undefined) throw new AppError("validation_failed", "An email channel has no webhook URL", [{ name: "url", reason: "not used by email channels" }]);
  if (!isEmail && (input.settings !== undefined || input.password !== undefined)) {
    throw new AppError("validation_failed", "SMTP settings and password apply to email channels only", [{ name: input.settings ? "settings" : "password", reason: "only for email channels" }]);
  }
  if (input.name && input.name !== current.name) {
    const other = await findChannelByName(input.name);
    if (other && other.id !== id) throw channelNameTaken(input.name);
  }
  await assertTargets(input);
  const patch: ChannelPatch = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    ...(input.minSeverity !== undefined ? { minSeverity: input.minSeverity } : {}),
    ...(input.policyKeys !== undefined ? { policyKeys: [...new Set(input.policyKeys)] } : {}),
    ...(input.messagePer !== undefined ? { messagePer: input.messagePer } : {}),
    ...(input.settings !== undefined ? { settings: input.settings } : {}),
  };
  if (input.url !== undefined || input.password !== undefined) {
    // Keep the other half of the stored secret (none today, but the box holds an object).
    const previous = (() => {
      try {
        return openChannelSecret(current);
      } catch {
        return {};
      }
    })();
    Object.assign(patch, sealed(current.id, { ...previous, ...(input.url !== undefined ? { url: input.url } : {}), ...(input.password !== undefined ? { password: input.password } : {}) }));
  }
  const record = await updateChannel(id, patch);
  const changed = Object.keys(input).filter((k) => k !== "password" && k !== "url");
  await audit(actor, "notification_channel.updated", record, {
    changed: [...changed, ...(input.password !== undefined ? ["password"] : []), ...(input.url !== undefined ? ["url"] : [])].join(", "),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  });
  return toChannelDto(record);
};

/** Deletes a channel and its delivery history (admin). */
export const deleteChannelForActor = async (options: Readonly<{ actor: Principal; id: string }>): Promise<void> => {
  const current = await findChannel(options.id);
  if (!current) throw new AppError("not_found", "No notification channel with this id");
  await deleteChannel(current.id);
  await audit(options.actor, "notification_channel.deleted", current, { kind: current.kind });
};
