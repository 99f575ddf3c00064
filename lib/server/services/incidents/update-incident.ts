import { AppError } from "../../../shared/errors";
import type { TIncidentDetailDto, TIncidentPatchInput } from "../../../shared/schemas/incidents";
import { appendAuditEvent } from "../../repositories/audit-repository";
import type { TTriageChange } from "../../repositories/alert-triage-repository";
import { applyIncidentTriage, type TIncidentDecision, type TIncidentTriageResult } from "../../repositories/incident-triage-repository";
import { planTriageChange, type TTriagePatch } from "../alerts/plan-triage-change";
import { resolveAssignee } from "../alerts/resolve-assignee";
import { assertCanTriage, triageActorOf } from "../alerts/triage-actor";
import type { Principal } from "../principal";
import { getIncidentOrThrow } from "./get-incident";

type TActor = Pick<Principal, "userId" | "email" | "name" | "role">;

export const toIncidentWords = (text: string) => text.replace(/\balert(s?)\b/g, "incident$1");

/** The alerts' rule speaks of alerts: its refusals of an incident's change name the incident instead. */
const asIncident = <T>(plan: () => T): T => {
  try {
    return plan();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(error.code, toIncidentWords(error.message), error.invalidParams.map((p) => ({ ...p, reason: toIncidentWords(p.reason) })));
  }
};

/**
 * The incident's own change is the alerts' triage rule (planTriageChange); resolving or dismissing it resolves or
 * dismisses each of its open or in-progress alerts with the same classification and reason, through the same rule.
 * Assignment stays on the incident.
 */
export const incidentDecision = (patch: TTriagePatch, now: Date, decide = planTriageChange): TIncidentDecision => ({
  decide: (state) => asIncident(() => decide(state, patch, now)),
  cascade: (next: TTriageChange["next"]) => (alert) =>
    planTriageChange(alert, { status: next.status, classification: next.classification ?? undefined, reason: next.resolutionReason ?? undefined }, now),
});

/** Writes the portal audit log entry of a triaged incident (who closed what, with how many alerts). */
export const auditIncidentTriage = async (actor: TActor, results: readonly TIncidentTriageResult[], patch: TTriagePatch): Promise<void> => {
  for (const r of results.filter((x) => x.changed)) {
    await appendAuditEvent({
      action: "incident.updated",
      actorId: actor.userId,
      actorEmail: actor.email,
      targetType: "incident",
      targetId: r.id,
      details: {
        status: patch.status ?? null,
        assigneeId: patch.assignee === undefined ? null : (patch.assignee?.id ?? "unassigned"),
        classification: patch.classification ?? null,
        alertsChanged: r.cascaded.length,
      },
    });
  }
};

/** PATCH /api/v1/incidents/{id}: status, assignee, classification and reason, cascading to its alerts when it closes. */
export const updateIncidentForActor = async (options: Readonly<{ actor: TActor; id: string; input: TIncidentPatchInput; now?: Date }>): Promise<TIncidentDetailDto> => {
  const { actor, id, input } = options;
  assertCanTriage(actor);
  const assignee = await resolveAssignee(input.assigneeId);
  const patch: TTriagePatch = { status: input.status, assignee, classification: input.classification, reason: input.reason };
  const results = await applyIncidentTriage([id], triageActorOf(actor), incidentDecision(patch, options.now ?? new Date()));
  if (results.length === 0) throw new AppError("not_found", "Incident not found");
  await auditIncidentTriage(actor, results, patch);
  return getIncidentOrThrow(id);
};
