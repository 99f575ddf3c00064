import { z } from "zod";
import { ZMessagePer, type TMessagePer } from "./incidents";
import { WORK_STATUSES, type TWorkStatus } from "./governance";
import { SEVERITIES, type TSeverity } from "./policies";

export const CHANNEL_KINDS = ["email", "webhook", "slack", "teams"] as const;
export const ZChannelKind = z.enum(CHANNEL_KINDS, { error: `Channel kind must be one of ${CHANNEL_KINDS.join(", ")}` });
export type TChannelKind = z.infer<typeof ZChannelKind>;

export const CHANNEL_KIND_LABELS: Record<TChannelKind, string> = {
  email: "Email (SMTP)",
  webhook: "Webhook (JSON)",
  slack: "Slack",
  teams: "Microsoft Teams",
};

const ZName = z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(120, "Name must be at most 120 characters");
const ZEmail = z.email({ error: "Enter an email address such as soc@example.com" }).max(254);
/** Webhook URLs: https, or http to a loopback address (local receivers and tests). */
const ZWebhookUrl = z
  .url({ error: "Enter a URL such as https://hooks.example.com/…" })
  .max(2000)
  .refine(
    (url) => {
      // zod runs this even when z.url() already failed: an unparsable value is reported once, by z.url().
      if (!URL.canParse(url)) return true;
      const parsed = new URL(url);
      return parsed.protocol === "https:" || (parsed.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname));
    },
    { error: "Webhook URLs must use https (http only to localhost)" },
  );

/** Routing shared by every kind: minimum severity and the policies (empty = all). */
const routing = {
  enabled: z.boolean().default(true),
  minSeverity: z.enum(SEVERITIES, { error: "Minimum severity must be low, medium or high" }).default("low"),
  /** Built-in keys or custom:<policy id>; empty = every policy. */
  policyKeys: z.array(z.string().trim().regex(/^([a-z_]{1,40}|(custom|session):[0-9a-f-]{36})$/, "Policies are keys such as impossible_travel")).max(200).default([]),
  /** One message per alert (default) or per incident (issue 25): later alerts of the incident reply or update. */
  messagePer: ZMessagePer.optional(),
};

/** SMTP settings; `password` is a secret (write-only). */
export const ZEmailSettings = z
  .object({
    host: z.string({ error: "SMTP host is required" }).trim().min(1, "SMTP host is required").max(253),
    port: z.number({ error: "SMTP port must be a number" }).int().min(1).max(65535, "SMTP port must be at most 65535").default(587),
    /** "starttls" upgrades when offered, "tls" connects with TLS (465), "none" is plain (local relays). */
    security: z.enum(["starttls", "tls", "none"], { error: "Security must be starttls, tls or none" }).default("starttls"),
    username: z.string().trim().max(254).optional(),
    from: ZEmail,
    /** Recipients of alert notifications (user notices go to the Atlassian user). */
    to: z.array(ZEmail).min(1, "Add at least one recipient").max(50, "At most 50 recipients"),
  })
  .strict();

export const ZCreateChannelInput = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("email"), name: ZName, ...routing, settings: ZEmailSettings, password: z.string().max(500).optional() }).strict(),
    z.object({ kind: z.literal("webhook"), name: ZName, ...routing, url: ZWebhookUrl }).strict(),
    z.object({ kind: z.literal("slack"), name: ZName, ...routing, url: ZWebhookUrl }).strict(),
    z.object({ kind: z.literal("teams"), name: ZName, ...routing, url: ZWebhookUrl }).strict(),
  ],
  { error: `Channel kind must be one of ${CHANNEL_KINDS.join(", ")}` },
);
export type TCreateChannelInput = z.infer<typeof ZCreateChannelInput>;

/** PATCH: the kind is fixed; secrets (password, url) are replaced only when given. */
export const ZUpdateChannelInput = z
  .object({
    name: ZName.optional(),
    enabled: z.boolean().optional(),
    minSeverity: z.enum(SEVERITIES, { error: "Minimum severity must be low, medium or high" }).optional(),
    policyKeys: routing.policyKeys.optional(),
    messagePer: ZMessagePer.optional(),
    settings: ZEmailSettings.optional(),
    password: z.string().max(500).optional(),
    url: ZWebhookUrl.optional(),
  })
  .strict();
export type TUpdateChannelInput = z.infer<typeof ZUpdateChannelInput>;

export const ZChannelIdParams = z.object({ id: z.uuid({ error: "Unknown notification channel id" }) });

export type TChannelDto = Readonly<{
  id: string;
  name: string;
  kind: TChannelKind;
  enabled: boolean;
  minSeverity: TSeverity;
  policyKeys: string[];
  messagePer: TMessagePer;
  /** Email: host, port, security, username, from, to (never the password). Webhooks: {}. */
  settings: Record<string, unknown>;
  /** What may be shown of the secret (e.g. "hooks.slack.com/…/a1b2"); never the secret. */
  secretHint: string | null;
  hasSecret: boolean;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}>;

export type TDeliveryDto = Readonly<{
  id: string;
  channelId: string;
  kind: "alert" | "test" | "user_notice" | "connector_key_expiry";
  alertId: string | null;
  subject: string;
  status: TWorkStatus;
  attempts: number;
  error: string | null;
  createdAt: string;
  deliveredAt: string | null;
}>;

/** Response schemas (OpenAPI); they describe TChannelDto and TDeliveryDto above. */
export const ZChannelDto = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: ZChannelKind,
  enabled: z.boolean(),
  minSeverity: z.enum(SEVERITIES),
  policyKeys: z.array(z.string()),
  messagePer: ZMessagePer,
  settings: z.record(z.string(), z.unknown()).describe("Email: host, port, security, username, from, to (never the password). Webhooks: {}."),
  secretHint: z.string().nullable().describe("What may be shown of the secret (webhook host and last 4 characters); never the secret"),
  hasSecret: z.boolean(),
  lastSuccessAt: z.iso.datetime().nullable(),
  lastFailureAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}) satisfies z.ZodType<TChannelDto>;

export const DELIVERY_KINDS = ["alert", "test", "user_notice", "connector_key_expiry"] as const;

export const ZDeliveryDto = z.object({
  id: z.uuid(),
  channelId: z.uuid(),
  kind: z.enum(DELIVERY_KINDS),
  alertId: z.uuid().nullable(),
  subject: z.string(),
  status: z.enum(WORK_STATUSES),
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
}) satisfies z.ZodType<TDeliveryDto>;

export const ZDeliveryListQuery = z
  .object({
    status: z.enum(WORK_STATUSES, { error: `status must be one of ${WORK_STATUSES.join(", ")}` }).optional(),
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "cursor must be a value returned as nextCursor").optional(),
    limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(200, "limit must be at most 200").default(50),
  })
  .strict();
