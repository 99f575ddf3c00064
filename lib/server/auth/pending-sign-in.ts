import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { SignInReservation } from "../services/auth/login-throttle";

type Pending = { reservation: SignInReservation; isTaken: boolean };

// Carries the route's reservation into next-auth's authorize() within the same request; a request cannot
// forge it (unlike a header), and it never leaks to another request.
const storage = new AsyncLocalStorage<Pending>();

export const runWithPendingSignIn = <T>(reservation: SignInReservation, run: () => Promise<T>): Promise<{ result: T; isTaken: boolean }> => {
  const pending: Pending = { reservation, isTaken: false };
  return storage.run(pending, async () => ({ result: await run(), isTaken: pending.isTaken }));
};

/** The reservation made for this request, once (authorize() consumes it). */
export const takePendingSignIn = (): SignInReservation | undefined => {
  const pending = storage.getStore();
  if (!pending || pending.isTaken) return undefined;
  pending.isTaken = true;
  return pending.reservation;
};
