import { findRecommendation } from "../../../posture";
import { AppError } from "../../../shared/errors";
import { STATE_LABELS, type TRecommendationDto, type TSetRecommendationStateInput } from "../../../shared/schemas/posture";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { findOverride, saveOverride } from "../../repositories/posture-repository";
import type { Principal } from "../principal";
import { evaluateConnectorPosture } from "./evaluate-connector-posture";
import { getPostureConnectorOrThrow, listRecommendations } from "./list-recommendations";

type TInput = Readonly<{ connectorId: string; state: NonNullable<TSetRecommendationStateInput["state"]>; reason: string }>;

/**
 * Marks a recommendation "risk accepted" or "resolved through an alternative" (with a reason), or back to
 * "active"; audited, and the score is re-evaluated at once (overridden items leave the denominator).
 */
export const setRecommendationState = async (options: Readonly<{ actor: Principal; key: string; input: TInput }>): Promise<TRecommendationDto> => {
  const { actor, key, input } = options;
  const definition = findRecommendation(key);
  if (!definition) throw new AppError("not_found", `Unknown recommendation "${key}"`);
  const connector = await getPostureConnectorOrThrow(input.connectorId);
  const previous = await findOverride(connector.id, key);
  await saveOverride({ connectorId: connector.id, key, state: input.state, reason: input.state === "active" ? "" : input.reason, setById: actor.userId });
  await appendAuditEvent({
    action: "posture.recommendation_state_changed",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "recommendation",
    targetId: `${connector.id}:${key}`,
    targetName: `${definition.title} (${connector.name})`,
    ip: actor.ip,
    details: { connectorId: connector.id, key, from: previous?.state ?? "active", to: input.state, state: STATE_LABELS[input.state], reason: input.reason || null },
  });
  await evaluateConnectorPosture({ connectorId: connector.id, trigger: "override" });
  const all = await listRecommendations({ connectorId: connector.id });
  const updated = all.find((r) => r.key === key);
  if (!updated) throw new AppError("not_found", `Unknown recommendation "${key}"`);
  return updated;
};
