import { AppError } from "../../../shared/errors";
import type { TIncidentDetailDto } from "../../../shared/schemas/incidents";
import { listIncidentAlerts, listIncidentComments, listIncidentHistory, listIncidentTimeline } from "../../repositories/incident-detail-repository";
import { findIncidentById } from "../../repositories/incident-repository";
import { toCommentDto, toEventDto } from "../detection/get-alert";
import { toIncidentDto } from "./incident-dto";

/** One incident with its alerts, the merged timeline of their activities, comments and history (oldest first). */
export const getIncidentOrThrow = async (id: string): Promise<TIncidentDetailDto> => {
  const [incident, alerts, timeline, comments, history] = await Promise.all([
    findIncidentById(id),
    listIncidentAlerts(id),
    listIncidentTimeline(id),
    listIncidentComments(id),
    listIncidentHistory(id),
  ]);
  if (!incident) throw new AppError("not_found", "Incident not found");
  return {
    ...toIncidentDto(incident),
    alerts: alerts.map((a) => ({
      ...a,
      firstActivityAt: a.firstActivityAt.toISOString(),
      lastActivityAt: a.lastActivityAt.toISOString(),
      createdAt: a.createdAt.toISOString(),
    })),
    timeline: timeline.rows.map((t) => ({
      activityId: t.seq,
      eventTime: t.eventTime.toISOString(),
      action: t.action,
      actionLabel: t.actionName ?? t.action,
      ip: t.ip,
      countryCode: t.countryCode,
      city: t.city,
      alertIds: t.alertIds,
    })),
    timelineTruncated: timeline.truncated,
    comments: comments.map(toCommentDto),
    history: history.map(toEventDto),
  };
};
