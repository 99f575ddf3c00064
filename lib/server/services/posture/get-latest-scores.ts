import { listLatestScores } from "../../repositories/posture-repository";

export type TLatestScore = Readonly<{ connectorId: string; connectorName: string; score: number; pointsEarned: number; pointsPossible: number; evaluatedAt: string }>;

/** The latest secure score of every connector that has one (for the dashboard card). */
export const getLatestScores = async (): Promise<TLatestScore[]> =>
  (await listLatestScores())
    .map((r) => ({ connectorId: r.connector_id, connectorName: r.name, score: r.score, pointsEarned: r.points_earned, pointsPossible: r.points_possible, evaluatedAt: r.at.toISOString() }))
    .sort((a, b) => a.connectorName.localeCompare(b.connectorName));
