import { z } from "zod";
import { AppError } from "../../../shared/errors";
import type { TAlertDetailDto } from "../../../shared/schemas/alerts";
import { proxySessionStatusOf } from "../../../shared/schemas/proxy-sessions";
import { isSessionAlertKey } from "../../../shared/schemas/session-alerts";
import { findAlertDetail, type AlertCommentRow, type AlertEventRow } from "../../repositories/alert-detail-repository";
import { findProxySession } from "../../repositories/proxy-session-repository";
import { toAlertDto } from "./alert-dto";

const RECENT_ALERTS = 10;

export const toCommentDto = (c: AlertCommentRow): TAlertDetailDto["comments"][number] => ({
  id: c.id,
  author: { id: c.authorId, name: c.authorName, email: c.authorEmail },
  body: c.body,
  createdAt: c.createdAt.toISOString(),
});

export const toEventDto = (e: AlertEventRow): TAlertDetailDto["history"][number] => ({
  id: e.id.toString(),
  at: e.at.toISOString(),
  actor: e.actorId || e.actorEmail || e.actorName ? { id: e.actorId, name: e.actorName, email: e.actorEmail } : null,
  kind: e.kind,
  detail: e.detail && typeof e.detail === "object" && !Array.isArray(e.detail) ? (e.detail as Record<string, unknown>) : {},
});

const ZSessionRef = z.object({ session: z.object({ id: z.uuid() }) });

/** A session-policy alert's session as it is now: one primary-key read, for session alerts only. */
const proxySessionOf = async (policyKey: string, details: unknown, now: Date): Promise<TAlertDetailDto["proxySession"]> => {
  if (!isSessionAlertKey(policyKey)) return null;
  const ref = ZSessionRef.safeParse(details);
  const session = ref.success ? await findProxySession(ref.data.session.id) : null;
  return session ? { id: session.id, status: proxySessionStatusOf(session, now), endedAt: session.endedAt?.toISOString() ?? null } : null;
};

/** One alert with its triage fields, comments and history (oldest first) and the Atlassian user's context. */
export const getAlertOrThrow = async (id: string): Promise<TAlertDetailDto> => {
  const found = await findAlertDetail(id, RECENT_ALERTS);
  if (!found) throw new AppError("not_found", "Alert not found");
  const { alert, comments, history, user } = found;
  const context: TAlertDetailDto["context"] = user
    ? {
        isAdmin: user.isAdmin,
        userStatus: user.status,
        countriesSeen: user.countries.map((c) => ({ countryCode: c.countryCode, firstSeenAt: c.firstSeen.toISOString(), lastSeenAt: c.lastSeen.toISOString() })),
        recentAlerts: user.recentAlerts.map((a) => ({ id: a.id, title: a.title, severity: a.severity, status: a.status, createdAt: a.createdAt.toISOString() })),
      }
    : { isAdmin: null, userStatus: null, countriesSeen: [], recentAlerts: [] };
  const proxySession = await proxySessionOf(alert.policyKey, alert.details, new Date());
  return { ...toAlertDto(alert), comments: comments.map(toCommentDto), history: history.map(toEventDto), context, proxySession };
};
