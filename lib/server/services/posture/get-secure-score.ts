import type { TSecureScoreDto } from "../../../shared/schemas/posture";
import { listScoreHistory } from "../../repositories/posture-repository";
import { getPostureConnectorOrThrow, latestEvaluationOf } from "./list-recommendations";

const HISTORY_DAYS = 90;

/**
 * Refresh progress without extra state: the directory sync time is cleared when a refresh is requested
 * ("syncing"), set again by the next sync pass, and the evaluation follows it ("evaluating" until then).
 */
export const refreshPhase = (directorySyncedAt: Date | null, evaluatedAt: Date | null): TSecureScoreDto["refresh"]["phase"] =>
  directorySyncedAt === null ? "syncing" : evaluatedAt === null || evaluatedAt < directorySyncedAt ? "evaluating" : "idle";

/** The connector's current score, points and its history over the last 90 days. */
export const getSecureScore = async (options: Readonly<{ connectorId: string; now?: Date }>): Promise<TSecureScoreDto> => {
  const connector = await getPostureConnectorOrThrow(options.connectorId);
  const latest = await latestEvaluationOf(connector);
  const since = new Date((options.now ?? new Date()).getTime() - HISTORY_DAYS * 86_400_000);
  const history = await listScoreHistory(connector.id, since);
  return {
    connectorId: connector.id,
    score: latest?.score ?? null,
    pointsEarned: latest?.pointsEarned ?? 0,
    pointsPossible: latest?.pointsPossible ?? 0,
    evaluatedAt: latest?.at.toISOString() ?? null,
    history: history.map((h) => ({ at: h.at.toISOString(), score: h.score })),
    refresh: { phase: refreshPhase(connector.directorySyncedAt, latest?.at ?? null), directorySyncedAt: connector.directorySyncedAt?.toISOString() ?? null },
  };
};
