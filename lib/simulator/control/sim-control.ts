import { ZFaultUpdate } from "../faults";
import { json, type TSimResponse } from "../http-kit";
import { ZRateLimitUpdate } from "../rate-limiter";
import { parseBody, type TControlContext } from "./control-context";

/** GET /__sim/health. */
export const health = (): TSimResponse => json(200, { ok: true });

/** GET /__sim/faults. */
export const getFaults = (context: TControlContext): TSimResponse => json(200, context.state.faults.describe());

/** POST /__sim/faults: merges the given settings; `rateLimitStormSeconds` starts a 429 storm now. */
export const postFaults = async (context: TControlContext): Promise<TSimResponse> => {
  context.state.faults.update(await parseBody(context, ZFaultUpdate));
  return json(200, context.state.faults.describe());
};

/** DELETE /__sim/faults: back to a healthy API. */
export const clearFaults = (context: TControlContext): TSimResponse => {
  context.state.faults.clear();
  return json(200, context.state.faults.describe());
};

/** GET /__sim/rate-limits. */
export const getRateLimits = (context: TControlContext): TSimResponse => json(200, context.state.rateLimiter.config);

/** POST /__sim/rate-limits: changes limits (any subset) and starts fresh windows. */
export const postRateLimits = async (context: TControlContext): Promise<TSimResponse> => {
  const update = await parseBody(context, ZRateLimitUpdate);
  context.state.rateLimiter.update(update);
  context.state.rateLimiter.reset();
  return json(200, context.state.rateLimiter.config);
};

/** GET /__sim/stats. */
export const getStats = (context: TControlContext): TSimResponse => json(200, context.state.stats.toJSON());

/** DELETE /__sim/stats: zeroes the counters. */
export const resetStats = (context: TControlContext): TSimResponse => {
  context.state.stats.reset();
  return json(200, context.state.stats.toJSON());
};
