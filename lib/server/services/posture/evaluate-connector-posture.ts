import { randomUUID } from "node:crypto";
import { evaluatePosture, findRegressions } from "../../../posture";
import { AppError } from "../../../shared/errors";
import { loadPostureSource } from "../../repositories/directory-repository";
import { findLatestEvaluation, insertEvaluation, listOverrides, pruneEvaluations, withPostureLock } from "../../repositories/posture-repository";
import { buildPostureInput } from "./build-posture-input";
import { carryDrift } from "./carry-drift";
import { MAX_STORED_USERS, readResults, type TStoredResult } from "./posture-results";
import { raiseRegressionAlert } from "./raise-regression-alert";

export type TPostureTrigger = "policy_sync" | "manual" | "override";
const KEEP_ALL_DAYS = 7;

/**
 * Evaluates one connector's posture from its synced data, stores the evaluation as history, and for each
 * recommendation that went from met to not met links the audit events behind it and raises an alert.
 * A drift stays on the recommendation until it is met again.
 */
export const evaluateConnectorPosture = async (options: Readonly<{ connectorId: string; trigger: TPostureTrigger; now?: Date }>) =>
  withPostureLock(options.connectorId, async () => {
    const now = options.now ?? new Date();
    const source = await loadPostureSource(options.connectorId);
    if (!source) throw new AppError("not_found", "Connector not found");
    const overrides = (await listOverrides(options.connectorId)).map((o) => ({ key: o.key, state: o.state, reason: o.reason, setBy: o.setById, setAt: o.setAt }));
    const evaluation = evaluatePosture(buildPostureInput(source, now), overrides);
    const previous = await findLatestEvaluation(options.connectorId);
    const previousResults = previous ? readResults(previous.results) : [];
    const evaluationId = randomUUID();
    const regressions = findRegressions(previous ? { at: previous.at, results: previousResults } : null, evaluation.results);
    const drifts = new Map<string, TStoredResult["drift"]>();
    for (const regression of regressions) {
      drifts.set(regression.key, await raiseRegressionAlert({ connectorId: options.connectorId, connectorName: source.connector.name, evaluationId, regression, now }));
    }
    const carried = new Map(previousResults.map((r) => [r.key, r.drift ?? null]));
    const results: TStoredResult[] = [];
    for (const r of evaluation.results) {
      const drift =
        drifts.get(r.key) ??
        (await carryDrift({ connectorId: options.connectorId, connectorName: source.connector.name, key: r.key, status: r.status, drift: carried.get(r.key) ?? null, now }));
      results.push({ ...r, affected: { ...r.affected, users: r.affected.users.slice(0, MAX_STORED_USERS) }, drift });
    }
    await insertEvaluation({ id: evaluationId, connectorId: options.connectorId, at: now, trigger: options.trigger, score: evaluation.score, pointsEarned: evaluation.pointsEarned, pointsPossible: evaluation.pointsPossible, results });
    await pruneEvaluations(options.connectorId, new Date(now.getTime() - KEEP_ALL_DAYS * 86_400_000));
    return { evaluationId, at: now, score: evaluation.score, pointsEarned: evaluation.pointsEarned, pointsPossible: evaluation.pointsPossible, regressions: regressions.map((r) => r.key) };
  });
