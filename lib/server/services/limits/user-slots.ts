import { AppError } from "../../../shared/errors";

/** Seconds a caller is told to wait when all their slots are taken: expensive reads take seconds, not minutes. */
const RETRY_AFTER_SECONDS = 5;

const inFlight = new Map<string, number>();

/**
 * Takes one of a user's `max` slots for an expensive read (an export, a policy preview) in this process, or
 * throws a 429 `rate_limited` with Retry-After when all are taken. Returns the release, which is safe to call
 * twice. Taken synchronously, before the caller's first await, so concurrent requests never pass `max` together.
 */
export const takeUserSlot = (options: Readonly<{ kind: string; userId: string; max: number; what: string }>): (() => void) => {
  const key = `${options.kind}:${options.userId}`;
  const taken = inFlight.get(key) ?? 0;
  if (taken >= options.max) {
    throw new AppError("rate_limited", `At most ${options.max} ${options.what} at a time per user: wait for one to finish`, [], RETRY_AFTER_SECONDS);
  }
  inFlight.set(key, taken + 1);
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    const left = (inFlight.get(key) ?? 1) - 1;
    if (left > 0) inFlight.set(key, left);
    else inFlight.delete(key);
  };
};
