import { classifyFailure, finalErrorMessage, MAX_ATTEMPTS, nextStepAfter, type TBackoffOptions } from "../../../governance/retry";
import type { Logger } from "../../logger";
import { completeGovernanceAction, scheduleGovernanceRetry, type GovernanceActionRow } from "../../repositories/governance-repository";
import { openAtlassianSession, revokeApiTokens, suspendUser, unsuspendUser } from "./atlassian-effects";
import { notifyUser } from "./notify-user";

export type GovernanceRunOptions = Readonly<{
  /** Replaces the documented default budgets per API key (shared with the sync through the rate buckets). */
  perMinute?: number;
  logger: Logger;
  /** Retry delays; tests shorten them. */
  backoff?: TBackoffOptions;
}>;

const HOUR_MS = 3_600_000;

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const previousRevoked = (result: Record<string, unknown>): string[] =>
  Array.isArray(result.revokedTokenIds) ? result.revokedTokenIds.filter((id): id is string => typeof id === "string") : [];

/** Runs one claimed action and records its outcome: succeeded, pending again with a backoff, or failed. */
export const runGovernanceAction = async (row: GovernanceActionRow, options: GovernanceRunOptions): Promise<"succeeded" | "retrying" | "failed"> => {
  const log = options.logger.child({ governanceActionId: row.id, action: row.action, attempt: row.attempts });
  const previous = asRecord(row.result);
  const actionOptions = asRecord(row.options);
  if (row.attempts > MAX_ATTEMPTS) {
    await completeGovernanceAction(row.id, { status: "failed", result: previous, error: `${row.error ?? "The worker stopped while running it"} (gave up after ${MAX_ATTEMPTS} attempts)` });
    return "failed";
  }
  const revoked = previousRevoked(previous);
  try {
    const target = { connectorId: row.connectorId, accountId: row.accountId };
    let result: Record<string, unknown>;
    if (row.action === "notify_user") {
      result = await notifyUser(row);
    } else {
      const session = await openAtlassianSession(row.connectorId, options.perMinute, row.action);
      if (row.action === "suspend_user") result = await suspendUser(session, target);
      else if (row.action === "unsuspend_user") result = await unsuspendUser(session, target);
      else result = await revokeApiTokens(session, target, revoked);
    }
    const hours = typeof actionOptions.autoRestoreHours === "number" ? actionOptions.autoRestoreHours : null;
    await completeGovernanceAction(row.id, {
      status: "succeeded",
      result,
      error: null,
      ...(row.action === "suspend_user" && hours ? { autoRestoreAt: new Date(Date.now() + hours * HOUR_MS) } : {}),
    });
    log.info("governance action succeeded");
    return "succeeded";
  } catch (error) {
    const failure = classifyFailure(row.action, error);
    const partial = row.action === "require_sign_in" && revoked.length > 0 ? { ...previous, revokedTokenIds: revoked } : previous;
    const step = nextStepAfter(failure, row.attempts, options.backoff);
    if (step.kind === "retry") {
      await scheduleGovernanceRetry(row.id, {
        error: `Attempt ${row.attempts} of ${MAX_ATTEMPTS} failed: ${failure.message}; retrying`,
        nextAttemptAt: new Date(Date.now() + step.delayMs),
        result: partial,
      });
      log.warn({ err: error, delayMs: step.delayMs }, "governance action failed; retrying");
      return "retrying";
    }
    await completeGovernanceAction(row.id, { status: "failed", result: partial, error: finalErrorMessage(failure, row.attempts) });
    log.warn({ err: error }, "governance action failed");
    return "failed";
  }
};
