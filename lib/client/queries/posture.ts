import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { TSecureScoreDto, TSetRecommendationStateInput } from "../../shared/schemas/posture";
import { postureApi } from "../api/posture";

export const postureKeys = {
  all: ["posture"] as const,
  connector: (connectorId: string) => [...postureKeys.all, connectorId] as const,
  recommendations: (connectorId: string) => [...postureKeys.connector(connectorId), "recommendations"] as const,
  score: (connectorId: string) => [...postureKeys.connector(connectorId), "score"] as const,
};

const isRefreshing = (score: TSecureScoreDto | undefined) => score !== undefined && score.refresh.phase !== "idle";

/** The score polls fast while a refresh runs (its phase is the progress), slowly otherwise. */
export const secureScoreQuery = (connectorId: string) =>
  queryOptions({
    queryKey: postureKeys.score(connectorId),
    queryFn: () => postureApi.score(connectorId),
    refetchInterval: (query) => (isRefreshing(query.state.data) ? 1_000 : 30_000),
  });

export const recommendationsQuery = (connectorId: string) =>
  queryOptions({ queryKey: postureKeys.recommendations(connectorId), queryFn: () => postureApi.recommendations(connectorId), refetchInterval: 30_000 });

/** Accept a risk / mark resolved through an alternative / reactivate; refreshes score and list. */
export const useSetRecommendationState = (connectorId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: { key: string; input: TSetRecommendationStateInput }) => postureApi.setState(variables.key, variables.input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: postureKeys.connector(connectorId) }),
  });
};

export const useRefreshPosture = (connectorId: string) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => postureApi.refresh(connectorId), onSettled: () => queryClient.invalidateQueries({ queryKey: postureKeys.connector(connectorId) }) });
};
