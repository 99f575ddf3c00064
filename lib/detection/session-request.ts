import { z } from "zod";
import type { TSessionOutcome } from "../shared/schemas/session-policies";
import type { TDetectionActivity } from "./types";

/**
 * What the session proxy recorded about one request in the activity's raw (docs/session-proxy.md, "Log"), read
 * leniently: a field of an unexpected shape becomes null rather than costing the whole alert, since the alert's
 * text and evidence are still worth having without it.
 */
const text = z.string().nullable().catch(null);
const count = z.number().nonnegative().nullable().catch(null);
const ZPolicyRef = z.object({ id: z.string(), name: z.string(), action: z.enum(["block", "audit"]) });

const ZSessionRequest = z.object({
  sessionId: text.default(null),
  device: z
    .object({ managed: z.boolean().catch(false), subject: text.default(null), serial: text.default(null) })
    .catch({ managed: false, subject: null, serial: null })
    .default({ managed: false, subject: null, serial: null }),
  userAgent: text.default(null),
  method: text.default(null),
  host: text.default(null),
  path: text.default(null),
  status: count.default(null),
  bytesSent: count.default(null),
  contentType: text.default(null),
  policies: z.array(ZPolicyRef).catch([]).default([]),
  blockedBy: text.default(null),
  file: z
    .object({ name: z.string(), sizeBytes: count.default(null), contentType: text.default(null) })
    .nullable()
    .catch(null)
    .default(null),
});
export type TSessionRequest = z.infer<typeof ZSessionRequest>;

const EMPTY_REQUEST: TSessionRequest = ZSessionRequest.parse({});

export const readSessionRequest = (raw: unknown): TSessionRequest => {
  const parsed = ZSessionRequest.safeParse(raw);
  return parsed.success ? parsed.data : EMPTY_REQUEST;
};

/** An activity a session policy matched: the proxy's outcome, the matching policies (evaluation order) and its record. */
export type TSessionMatch = Readonly<{
  activity: TDetectionActivity;
  outcome: TSessionOutcome;
  policyIds: readonly string[];
  /** The Atlassian site (activities.site_name), e.g. acme.atlassian.net. */
  siteName: string | null;
  request: TSessionRequest;
}>;

/** Before sign-in the proxy logs "anonymous" (is_system): nobody to name, notify or suspend. */
export const isAnonymousMatch = (m: TSessionMatch): boolean => m.activity.isSystem || m.activity.actorId === "anonymous";
