/**
 * Alerts raised by session policies (issue 22): the evidence a session alert carries in `details`, shared by the
 * worker that writes it and the alert page that shows it. Keys under `details` are part of the API.
 */
import { z } from "zod";
import { PROXY_SESSION_STATUSES } from "./proxy-sessions";
import { SESSION_OUTCOMES } from "./session-policies";

/** A session alert's policyKey is this prefix and the session policy's id (alerts.policy_id names detection policies only). */
export const SESSION_ALERT_KEY_PREFIX = "session:";
export const sessionAlertKey = (policyId: string): string => `${SESSION_ALERT_KEY_PREFIX}${policyId}`;
export const isSessionAlertKey = (policyKey: string): boolean => policyKey.startsWith(SESSION_ALERT_KEY_PREFIX);

const ZPolicyRef = z.object({ id: z.string(), name: z.string(), action: z.enum(["block", "audit"]) });

export const ZSessionAlertDetails = z.object({
  kind: z.literal("session_policy"),
  /** The policy that raised the alert. */
  policy: ZPolicyRef,
  outcome: z.enum(SESSION_OUTCOMES),
  /** Every policy the request matched, in evaluation order. */
  matchedPolicies: z.array(ZPolicyRef),
  /** The classified action (proxy_download_attachment…) and its product and site. */
  action: z.string(),
  product: z.string(),
  site: z.string().nullable(),
  session: z.object({ id: z.string().nullable() }),
  device: z.object({ managed: z.boolean(), subject: z.string().nullable(), serial: z.string().nullable() }),
  file: z.object({ name: z.string(), sizeBytes: z.number().nullable(), contentType: z.string().nullable() }).nullable(),
  request: z.object({
    method: z.string().nullable(),
    host: z.string().nullable(),
    path: z.string().nullable(),
    status: z.number().nullable(),
    bytes: z.number().nullable(),
    contentType: z.string().nullable(),
    userAgent: z.string().nullable(),
  }),
  ip: z.string().nullable(),
  /** "London, United Kingdom", or null when unknown. */
  location: z.string().nullable(),
  /**
   * Set on the day's last alert of the policy once its alerts per day are used up: how many further matches of that
   * UTC day raised no alert.
   */
  dailyCap: z.object({ day: z.string(), maxPerDay: z.number().int(), suppressed: z.number().int() }).optional(),
});
export type TSessionAlertDetails = z.infer<typeof ZSessionAlertDetails>;

/** The proxied session of a session alert as it is now (the alert page's End session needs to know it ended). */
export const ZAlertProxySession = z.object({
  id: z.string(),
  status: z.enum(PROXY_SESSION_STATUSES),
  endedAt: z.string().nullable(),
});
export type TAlertProxySession = z.infer<typeof ZAlertProxySession>;
