import { RECOMMENDATIONS, type TRecommendationDefinition } from "../../../posture";
import { AppError } from "../../../shared/errors";
import type { TRecommendationDto } from "../../../shared/schemas/posture";
import { findPostureConnector } from "../../repositories/connector-repository";
import { findLatestEvaluation, listOverrides } from "../../repositories/posture-repository";
import { findUserEmails } from "../../repositories/user-repository";
import { evaluateConnectorPosture } from "./evaluate-connector-posture";
import { readResults, type TStoredResult } from "./posture-results";

export const getPostureConnectorOrThrow = async (connectorId: string) => {
  const connector = await findPostureConnector(connectorId);
  if (!connector) throw new AppError("not_found", "Connector not found");
  return connector;
};

/** The latest evaluation, made now if the directory was synced but never evaluated (e.g. before an upgrade). */
export const latestEvaluationOf = async (connector: Readonly<{ id: string; directorySyncedAt: Date | null }>) => {
  const latest = await findLatestEvaluation(connector.id);
  if (latest || !connector.directorySyncedAt) return latest;
  await evaluateConnectorPosture({ connectorId: connector.id, trigger: "policy_sync" });
  return findLatestEvaluation(connector.id);
};

const WAITING = "Waiting for the first sync of the organization's users and policies";

const toDto = (definition: TRecommendationDefinition, result: TStoredResult | undefined, at: Date | null, override: TRecommendationDto["override"], state: TRecommendationDto["state"]): TRecommendationDto => ({
  key: definition.key,
  title: definition.title,
  category: definition.category,
  whyItMatters: definition.whyItMatters,
  criterion: definition.criterion,
  status: result?.status ?? "unknown",
  fraction: result?.fraction ?? null,
  summary: result?.summary ?? WAITING,
  pointsEarned: result?.pointsEarned ?? 0,
  pointsPossible: result?.pointsPossible ?? 0,
  points: definition.points,
  isScored: result?.isScored ?? false,
  affected: result?.affected ?? { policies: [], users: [], items: [] },
  howToFix: [...definition.howToFix],
  state,
  override,
  drift: result?.drift ?? null,
  evaluatedAt: at?.toISOString() ?? null,
});

/** Every recommendation of one connector with its latest result, override and drift. */
export const listRecommendations = async (options: Readonly<{ connectorId: string }>): Promise<TRecommendationDto[]> => {
  const connector = await getPostureConnectorOrThrow(options.connectorId);
  const [latest, overrides] = await Promise.all([latestEvaluationOf(connector), listOverrides(connector.id)]);
  const emails = await findUserEmails(overrides.flatMap((o) => (o.setById ? [o.setById] : [])));
  const results = new Map(readResults(latest?.results).map((r) => [r.key, r]));
  const overrideOf = new Map(overrides.map((o) => [o.key, o]));
  return RECOMMENDATIONS.map((definition) => {
    const o = overrideOf.get(definition.key);
    const override = o ? { reason: o.reason, setBy: o.setById ? (emails.get(o.setById) ?? null) : null, setAt: o.setAt.toISOString() } : null;
    return toDto(definition, results.get(definition.key), latest?.at ?? null, override, o?.state ?? "active");
  });
};
