import { z } from "zod";

export const PROXY_SESSION_STATUSES = ["live", "idle", "ended"] as const;
export type TProxySessionStatus = (typeof PROXY_SESSION_STATUSES)[number];
/** A session is live while it was active this recently and not ended. */
export const LIVE_WINDOW_MS = 5 * 60_000;

export const ZProxySessionQuery = z.object({
  connectorId: z.uuid({ error: "Unknown connector id" }).optional(),
  status: z.enum(PROXY_SESSION_STATUSES, { error: "status must be live, idle or ended" }).optional(),
  q: z.string().trim().max(200, "Search must be at most 200 characters").optional(),
  cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, "cursor must be a value returned as nextCursor").optional(),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(100).default(50),
});
export type TProxySessionQuery = z.infer<typeof ZProxySessionQuery>;

export const ZProxySessionDto = z.object({
  id: z.string(),
  connectorId: z.string(),
  connectorName: z.string(),
  siteHost: z.string(),
  accountId: z.string().nullable(),
  userEmail: z.string().nullable(),
  userName: z.string().nullable(),
  deviceManaged: z.boolean(),
  deviceSubject: z.string().nullable(),
  ip: z.string().nullable(),
  countryCode: z.string().nullable(),
  userAgent: z.string().nullable(),
  startedAt: z.string(),
  lastActivityAt: z.string(),
  requests: z.number(),
  downloads: z.number(),
  bytesSent: z.number(),
  endedAt: z.string().nullable(),
  status: z.enum(PROXY_SESSION_STATUSES),
});
export type TProxySessionDto = z.infer<typeof ZProxySessionDto>;

export const ZProxySessionPage = z.object({ data: z.array(ZProxySessionDto), nextCursor: z.string().nullable() });
export type TProxySessionPage = z.infer<typeof ZProxySessionPage>;

export const ZProxySessionIdParams = z.object({ id: z.uuid({ error: "Unknown session id" }) });

/** Live, idle or ended, as the list shows it. */
export const proxySessionStatusOf = (session: Readonly<{ endedAt: Date | string | null; lastActivityAt: Date | string }>, now: Date): TProxySessionStatus => {
  if (session.endedAt) return "ended";
  return now.getTime() - new Date(session.lastActivityAt).getTime() < LIVE_WINDOW_MS ? "live" : "idle";
};
