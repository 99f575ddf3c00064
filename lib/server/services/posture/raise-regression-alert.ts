import { driftWindow, findRecommendation, severityOf, type TRegression } from "../../../posture";
import { STATUS_LABELS, type TDriftDto } from "../../../shared/schemas/posture";
import { findSettingChanges } from "../../repositories/activity-repository";
import { upsertPostureAlert } from "../../repositories/alert-lookup-repository";

/**
 * For a recommendation that went from met to not met: finds the org audit events that changed its setting
 * since shortly before the last good evaluation, and raises a posture_regression alert naming the admin.
 */
export const raiseRegressionAlert = async (
  options: Readonly<{ connectorId: string; connectorName: string; evaluationId: string; regression: TRegression; now: Date }>,
): Promise<TDriftDto> => {
  const { connectorId, evaluationId, regression, now } = options;
  const definition = findRecommendation(regression.key);
  if (!definition) throw new Error(`unknown recommendation ${regression.key}`);
  const { from, to } = driftWindow(regression, now);
  const changes = await findSettingChanges(connectorId, definition.settingActions, from, to);
  const events = changes.map((c) => ({
    activityId: c.seq.toString(),
    action: c.action,
    actionName: c.actionName,
    at: c.eventTime.toISOString(),
    actor: { accountId: c.actorId, name: c.actorName, email: c.actorEmail },
  }));
  const latest = events[0];
  const who = latest ? `${latest.actor.name ?? latest.actor.accountId}${latest.actor.email ? ` (${latest.actor.email})` : ""}` : null;
  const explanation =
    `“${definition.title}” was met at the previous evaluation and is now ${STATUS_LABELS[regression.status].toLowerCase()} in ${options.connectorName}. ` +
    (latest ? `The org audit log shows ${latest.actionName ?? latest.action} by ${who} at ${latest.at}.` : "No matching org audit event was found in the synced log yet.");
  const times = changes.map((c) => c.eventTime.getTime());
  const alertId = await upsertPostureAlert({
    connectorId,
    episodeKey: `posture_regression:${connectorId}:${regression.key}:${evaluationId}`,
    severity: severityOf(definition.points),
    title: `Posture regression: ${definition.title}${who ? ` (changed by ${latest?.actor.name ?? latest?.actor.accountId})` : ""}`,
    explanation,
    details: { recommendationKey: regression.key, evaluationId, previousStatus: regression.previousStatus, status: regression.status, points: definition.points, events },
    actor: latest ? latest.actor : null,
    activitySeqs: changes.map((c) => c.seq),
    firstAt: times.length > 0 ? new Date(Math.min(...times)) : now,
    lastAt: times.length > 0 ? new Date(Math.max(...times)) : now,
  });
  return { detectedAt: now.toISOString(), since: regression.previousAt.toISOString(), previousStatus: regression.previousStatus, status: regression.status, evaluationId, alertId, events };
};
