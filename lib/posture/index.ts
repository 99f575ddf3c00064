export * from "./types";
export { RECOMMENDATIONS, RECOMMENDATION_KEYS, findRecommendation, severityOf } from "./catalog";
export { evaluatePosture, statusOf } from "./evaluate";
export { findRegressions, driftWindow } from "./drift";
