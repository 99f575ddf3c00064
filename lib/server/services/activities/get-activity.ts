import { AppError } from "../../../shared/errors";
import type { TActivityDetail } from "../../../shared/schemas/activities";
import { findActivityById, findActorActivitiesBetween } from "../../repositories/activity-query-repository";
import { findAlertsOfActivity } from "../../repositories/alert-lookup-repository";
import { findSessionPolicyNames } from "../../repositories/session-policy-repository";
import { getConnectorNames } from "../connectors/connector-names";
import { withConnectorName } from "./list-activities";

const HOUR_MS = 3_600_000;
const TIMELINE_LIMIT = 200;

/** One activity with its raw event, the same account's activity within ±1 h, the alerts that include it and the session policies that matched it. */
export const getActivityOrThrow = async (id: string): Promise<TActivityDetail> => {
  const activity = await findActivityById(id);
  if (!activity) throw new AppError("not_found", "Activity not found");
  const at = new Date(activity.time).getTime();
  const [timeline, alerts, names, policies] = await Promise.all([
    findActorActivitiesBetween(activity.connectorId, activity.actorId, new Date(at - HOUR_MS), new Date(at + HOUR_MS), TIMELINE_LIMIT),
    findAlertsOfActivity(id),
    // The timeline holds only this connector's activities.
    getConnectorNames([activity.connectorId]),
    findSessionPolicyNames(activity.sessionPolicyIds),
  ]);
  const policyNames = new Map(policies.map((p) => [p.id, p.name]));
  const sessionPolicies = activity.sessionPolicyIds.map((policyId) => ({ id: policyId, name: policyNames.get(policyId) ?? null }));
  const { raw, ...row } = activity;
  return { ...withConnectorName(row, names), raw, timeline: timeline.map((r) => withConnectorName(r, names)), alerts, sessionPolicies };
};
