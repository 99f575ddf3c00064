import type { TRecommendationStatus } from "../../../posture";
import type { TDriftDto } from "../../../shared/schemas/posture";
import { raiseRegressionAlert } from "./raise-regression-alert";

/** How long a drift without a matching audit event keeps looking for one (events can arrive a pass later). */
const RELOOK_MS = 24 * 60 * 60_000;

/**
 * A drift stays on its recommendation until it is met again. If no audit event explained it yet, look
 * again: the same alert (same episode key) is updated with the events and the admin once they are synced.
 */
export const carryDrift = async (
  options: Readonly<{ connectorId: string; connectorName: string; key: string; status: TRecommendationStatus; drift: TDriftDto | null; now: Date }>,
): Promise<TDriftDto | null> => {
  const { drift, status, now } = options;
  if (!drift || status === "met" || status === "unknown") return null;
  if (drift.events.length > 0 || now.getTime() - Date.parse(drift.detectedAt) > RELOOK_MS) return drift;
  const again = await raiseRegressionAlert({
    connectorId: options.connectorId,
    connectorName: options.connectorName,
    evaluationId: drift.evaluationId,
    regression: { key: options.key, previousStatus: drift.previousStatus, status: drift.status, previousAt: new Date(drift.since) },
    now,
  });
  return { ...again, detectedAt: drift.detectedAt };
};
