import { AppError } from "../../../shared/errors";
import { ALERT_TRANSITIONS, type TAlertClassification, type TAlertStatus, type TPortalUserRef } from "../../../shared/schemas/alerts";
import type { TTriageChange, TTriageEventWrite, TTriageState } from "../../repositories/alert-triage-repository";

/** A triage request with the assignee already resolved: undefined = leave as is, null = unassign. */
export type TTriagePatch = Readonly<{
  status?: TAlertStatus;
  assignee?: TPortalUserRef | null;
  classification?: TAlertClassification;
  reason?: string;
}>;

const isClosed = (status: TAlertStatus) => status === "resolved" || status === "dismissed";

const refuse = (name: string, reason: string): never => {
  throw new AppError("bad_request", reason, [{ name, reason }]);
};

const transitionRefusal = (from: TAlertStatus, to: TAlertStatus) =>
  isClosed(from) ? `Cannot move an alert from ${from} to ${to}; reopen it first` : `Cannot move an alert from ${from} to ${to}`;

/**
 * Decides what one triage request does to one alert, given its locked state: the state to write and one
 * history event per change (status_changed, assigned, classified), or null when nothing changes (the alert
 * is already as asked). Throws a 400 AppError for an invalid transition or a classification or reason
 * that has nothing to go with.
 *
 * - resolving or dismissing sets the reason and resolvedAt (the closing time), and the classification
 *   (required to resolve, optional to dismiss);
 * - reopening clears classification, reason and resolvedAt;
 * - a resolved or dismissed alert may be reclassified (or its reason changed) without a status change.
 */
export const planTriageChange = (state: TTriageState, patch: TTriagePatch, now: Date): TTriageChange | null => {
  const next = {
    status: state.status,
    assigneeId: state.assignee?.id ?? null,
    classification: state.classification,
    resolutionReason: state.resolutionReason,
    resolvedAt: state.resolvedAt,
  };
  const events: TTriageEventWrite[] = [];
  const to = patch.status;

  if (to !== undefined && to !== state.status) {
    if (!ALERT_TRANSITIONS[state.status].includes(to)) refuse("status", transitionRefusal(state.status, to));
    if (to === "resolved" && patch.classification === undefined) refuse("classification", "Resolving needs a classification");
    if (isClosed(to) && patch.reason === undefined) refuse("reason", "Resolving or dismissing needs a reason");
    if (!isClosed(to) && patch.classification !== undefined) refuse("classification", "Only resolved or dismissed alerts have a classification");
    next.status = to;
    if (isClosed(to)) {
      next.classification = patch.classification ?? null;
      next.resolutionReason = patch.reason ?? null;
      next.resolvedAt = now;
    } else {
      next.classification = null;
      next.resolutionReason = null;
      next.resolvedAt = null;
    }
    events.push({ kind: "status_changed", detail: { from: state.status, to, ...(patch.reason !== undefined ? { reason: patch.reason } : {}) } });
    if (next.classification !== null) events.push({ kind: "classified", detail: { classification: next.classification, reason: next.resolutionReason } });
  } else if (patch.classification !== undefined || patch.reason !== undefined) {
    if (!isClosed(state.status)) {
      // With the current status repeated (a bulk change over alerts already there) the reason has nothing to change.
      if (patch.classification !== undefined) refuse("classification", "Only resolved or dismissed alerts have a classification; resolve or dismiss the alert to classify it");
      if (to === undefined) refuse("reason", "A reason goes with a status change");
    } else {
      next.classification = patch.classification ?? state.classification;
      next.resolutionReason = patch.reason ?? state.resolutionReason;
      if (next.classification !== state.classification || next.resolutionReason !== state.resolutionReason) {
        events.push({ kind: "classified", detail: { classification: next.classification, reason: next.resolutionReason } });
      }
    }
  }

  if (patch.assignee !== undefined && (patch.assignee?.id ?? null) !== next.assigneeId) {
    next.assigneeId = patch.assignee?.id ?? null;
    events.push({ kind: "assigned", detail: { from: state.assignee, to: patch.assignee } });
  }

  return events.length > 0 ? { next, events } : null;
};
