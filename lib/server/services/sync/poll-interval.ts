/** Live polling of a caught-up connector: how long to wait between polls. */
export type PollBounds = Readonly<{ minMs: number; maxMs: number }>;

/** Idle polling may use at most this share of the key's request budget. */
const IDLE_BUDGET_SHARE = 0.1;

/**
 * The floor is the configured live interval; the ceiling is the configured quiet interval, raised when the
 * budget is so small that polling at the ceiling would take more than a tenth of it.
 */
export const pollBounds = (options: Readonly<{ minSeconds: number; maxSeconds: number; perMinute: number }>): PollBounds => {
  const minMs = options.minSeconds * 1000;
  const idleFloorMs = Math.ceil(60_000 / (options.perMinute * IDLE_BUDGET_SHARE));
  return { minMs, maxMs: Math.max(minMs, options.maxSeconds * 1000, idleFloorMs) };
};

/** Back to the floor as soon as a poll brings new events; doubles (up to the ceiling) while polls come back empty. */
export const nextPollInterval = (currentMs: number, sawNewEvents: boolean, bounds: PollBounds): number =>
  sawNewEvents ? bounds.minMs : Math.min(bounds.maxMs, Math.max(bounds.minMs, currentMs * 2));
