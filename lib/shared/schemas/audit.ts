import { z } from "zod";

export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.sign_out",
  "auth.password_change_failed",
  "setup.admin_created",
  "user.created",
  "user.updated",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.password_changed",
  "user.password_reset",
  "user.signed_out_everywhere",
  "token.created",
  "token.revoked",
  "posture.recommendation_state_changed",
  "ip_range.created",
  "ip_range.updated",
  "ip_range.deleted",
  "threat_list.uploaded",
  "threat_list.removed",
  "policy.created",
  "policy.updated",
  "policy.deleted",
  "session_policy.created",
  "session_policy.updated",
  "session_policy.deleted",
  "governance.action_requested",
  "governance.action_reverted",
  "governance.suspension_confirmed",
  "notification_channel.created",
  "notification_channel.updated",
  "notification_channel.deleted",
  "connector.created",
  "connector.api_key_rotated",
  "connector.enabled",
  "connector.disabled",
  "connector.sync_requested",
  "connector.scopes_checked",
  "connector.deleted",
  "site.protected",
  "site.unprotected",
  "device_ca.created",
  "device_ca.uploaded",
  "device_ca.removed",
  "device_certificate.issued",
  "device_certificate.revoked",
  "proxy_session.ended",
  "auth.sso_sign_in",
  "auth.sso_refused",
  "sso.configured",
  "sso.policy_changed",
  "sso.removed",
  "user.break_glass_changed",
  "retention.settings_changed",
  "retention.run",
  "legal_hold.created",
  "legal_hold.released",

  "incident.updated",
  "incident.settings_changed",
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

export const ZAuditQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "cursor must be a value returned as nextCursor")
    // An id is a PostgreSQL bigint: anything above its maximum would fail in the database.
    .refine((v) => !/^\d+$/.test(v) || BigInt(v) <= 9223372036854775807n, "cursor must be a value returned as nextCursor")
    .optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(200).default(50),
  action: z.enum(AUDIT_ACTIONS, { error: "Unknown audit action" }).optional(),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEventDto = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorEmail: z.string().nullable(),
  targetType: z.string().nullable(),
  targetName: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type TAuditEventDto = z.infer<typeof ZAuditEventDto>;

/** GET /api/v1/audit-log: one page, newest first. */
export const ZAuditPage = z.object({ data: z.array(ZAuditEventDto), nextCursor: z.string().nullable() });
