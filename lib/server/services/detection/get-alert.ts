import { AppError } from "../../../shared/errors";
import type { TAlertDetailDto } from "../../../shared/schemas/alerts";
import { findAlertById } from "../../repositories/alert-repository";
import { findAlertUserContext, listAlertComments, listAlertEvents, type AlertCommentRow, type AlertEventRow } from "../../repositories/alert-detail-repository";
import { listUserAlerts } from "../../repositories/atlassian-user-repository";
import { toAlertDto } from "./alert-dto";

const RECENT_ALERTS = 10;

export const toCommentDto = (c: AlertCommentRow): TAlertDetailDto["comments"][number] => ({
  id: c.id,
  author: { id: c.authorId, name: c.authorName, email: c.authorEmail },
  body: c.body,
  createdAt: c.createdAt.toISOString(),
});

const toEventDto = (e: AlertEventRow): TAlertDetailDto["history"][number] => ({
  id: e.id.toString(),
  at: e.at.toISOString(),
  actor: e.actorId || e.actorEmail || e.actorName ? { id: e.actorId, name: e.actorName, email: e.actorEmail } : null,
  kind: e.kind,
  detail: e.detail && typeof e.detail === "object" && !Array.isArray(e.detail) ? (e.detail as Record<string, unknown>) : {},
});

const contextOf = async (alert: { id: string; connectorId: string; userAccountId: string | null }): Promise<TAlertDetailDto["context"]> => {
  if (!alert.userAccountId) return { isAdmin: null, userStatus: null, countriesSeen: [], recentAlerts: [] };
  const [user, alerts] = await Promise.all([
    findAlertUserContext(alert.connectorId, alert.userAccountId),
    listUserAlerts(alert.connectorId, alert.userAccountId, RECENT_ALERTS + 1),
  ]);
  return {
    isAdmin: user.isAdmin,
    userStatus: user.status,
    countriesSeen: user.countries.map((c) => ({ countryCode: c.countryCode, firstSeenAt: c.firstSeen.toISOString(), lastSeenAt: c.lastSeen.toISOString() })),
    recentAlerts: alerts
      .filter((a) => a.id !== alert.id)
      .slice(0, RECENT_ALERTS)
      .map((a) => ({ id: a.id, title: a.title, severity: a.severity, status: a.status, createdAt: a.createdAt.toISOString() })),
  };
};

/** One alert with its triage fields, comments and history (oldest first) and the Atlassian user's context. */
export const getAlertOrThrow = async (id: string): Promise<TAlertDetailDto> => {
  const row = await findAlertById(id);
  if (!row) throw new AppError("not_found", "Alert not found");
  const [comments, history, context] = await Promise.all([listAlertComments(id), listAlertEvents(id), contextOf(row)]);
  return { ...toAlertDto(row), comments: comments.map(toCommentDto), history: history.map(toEventDto), context };
};
