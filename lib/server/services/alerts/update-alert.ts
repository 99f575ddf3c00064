import { AppError } from "../../../shared/errors";
import type { TAlertDetailDto, TAlertPatchInput } from "../../../shared/schemas/alerts";
import { applyTriageChanges } from "../../repositories/alert-triage-repository";
import type { Principal } from "../principal";
import { getAlertOrThrow } from "../detection/get-alert";
import { planTriageChange } from "./plan-triage-change";
import { resolveAssignee } from "./resolve-assignee";
import { assertCanTriage, triageActorOf } from "./triage-actor";

/**
 * PATCH /api/v1/alerts/{id}: status (as ALERT_TRANSITIONS allows), assignee, classification and reason.
 * The transition is checked on the row locked for the update, and each change writes its history event in
 * the same transaction; returns the alert as GET /api/v1/alerts/{id} shows it.
 */
export const updateAlertForActor = async (
  options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "name" | "role">; id: string; input: TAlertPatchInput; now?: Date }>,
): Promise<TAlertDetailDto> => {
  const { actor, id, input } = options;
  assertCanTriage(actor);
  const assignee = await resolveAssignee(input.assigneeId);
  const now = options.now ?? new Date();
  const patch = { status: input.status, assignee, classification: input.classification, reason: input.reason };
  const found = await applyTriageChanges([id], triageActorOf(actor), (state) => planTriageChange(state, patch, now));
  if (found.length === 0) throw new AppError("not_found", "Alert not found");
  return getAlertOrThrow(id);
};
