import { AppError } from "../../../shared/errors";
import type { TIncidentBulkInput, TIncidentBulkResult } from "../../../shared/schemas/incidents";
import { applyIncidentTriage } from "../../repositories/incident-triage-repository";
import { planTriageChange, type TTriagePatch } from "../alerts/plan-triage-change";
import { resolveAssignee } from "../alerts/resolve-assignee";
import { assertCanTriage, triageActorOf } from "../alerts/triage-actor";
import type { Principal } from "../principal";
import { auditIncidentTriage, incidentDecision, toIncidentWords } from "./update-incident";

/**
 * POST /api/v1/incidents/bulk: one change to many incidents in one transaction; each succeeds or fails alone
 * (unknown id, invalid transition: listed in `failed`), as the alerts' bulk change.
 */
export const bulkUpdateIncidents = async (
  options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "name" | "role">; input: TIncidentBulkInput; now?: Date }>,
): Promise<TIncidentBulkResult> => {
  const { actor, input } = options;
  assertCanTriage(actor);
  const assignee = await resolveAssignee(input.assigneeId);
  const patch: TTriagePatch = { status: input.status, assignee, classification: input.classification, reason: input.reason };
  const messages = new Map<string, string>();
  const tolerant: typeof planTriageChange = (state, p, now) => {
    try {
      return planTriageChange(state, p, now);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      messages.set(state.id, toIncidentWords(error.message));
      return null;
    }
  };
  const results = await applyIncidentTriage(input.ids, triageActorOf(actor), incidentDecision(patch, options.now ?? new Date(), tolerant));
  await auditIncidentTriage(actor, results, patch);
  const found = new Set(results.map((r) => r.id));
  const ids = [...new Set(input.ids)];
  const failed = ids.flatMap((id) => {
    const message = found.has(id) ? messages.get(id) : "Incident not found";
    return message ? [{ id, message }] : [];
  });
  return { updated: ids.length - failed.length, failed };
};
