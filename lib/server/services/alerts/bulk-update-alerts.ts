import { AppError } from "../../../shared/errors";
import type { TAlertBulkInput, TAlertBulkResult } from "../../../shared/schemas/alerts";
import { applyTriageChanges } from "../../repositories/alert-triage-repository";
import type { Principal } from "../principal";
import { planTriageChange } from "./plan-triage-change";
import { resolveAssignee } from "./resolve-assignee";
import { assertCanTriage, triageActorOf } from "./triage-actor";

/**
 * POST /api/v1/alerts/bulk: one change applied to many alerts, in one transaction over the locked rows.
 * Each alert succeeds or fails alone (unknown id, invalid transition: listed in `failed` with the reason);
 * `updated` counts the others, including alerts that were already as asked (they get no history event).
 * An assignee who cannot be assigned fails the whole request (400), as it would fail every alert.
 */
export const bulkUpdateAlerts = async (
  options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "name" | "role">; input: TAlertBulkInput; now?: Date }>,
): Promise<TAlertBulkResult> => {
  const { actor, input } = options;
  assertCanTriage(actor);
  const assignee = await resolveAssignee(input.assigneeId);
  const now = options.now ?? new Date();
  const patch = { status: input.status, assignee, classification: input.classification, reason: input.reason };
  const messages = new Map<string, string>();
  const found = new Set(
    await applyTriageChanges(input.ids, triageActorOf(actor), (state) => {
      try {
        return planTriageChange(state, patch, now);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        messages.set(state.id, error.message);
        return null;
      }
    }),
  );
  const ids = [...new Set(input.ids)];
  const failed = ids.flatMap((id) => {
    const message = found.has(id) ? messages.get(id) : "Alert not found";
    return message ? [{ id, message }] : [];
  });
  return { updated: ids.length - failed.length, failed };
};
