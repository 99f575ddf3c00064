import type { Logger } from "../logger";

export type LoopContext = Readonly<{
  logger: Logger;
  /** True once the worker is stopping: a loop returns within one poll interval. */
  isStopping: () => boolean;
  /** The worker's presence key (worker-presence-repository.ts): outbox claims carry it. */
  claimant: number;
}>;

/**
 * A continuous consumer of an outbox in PostgreSQL (stored activities, governance actions, deliveries). Every
 * worker runs every loop all the time, from start to stop: there is no job to hand over, so a restart or a
 * dead worker never leaves a claim that blocks the others. Workers share the rows through SKIP LOCKED claims.
 */
export type LoopDefinition = Readonly<{
  name: string;
  /** One round (bounded in time); the supervisor starts the next at once, and again after an error. */
  run(ctx: LoopContext): Promise<void>;
}>;

export const defineLoop = (definition: LoopDefinition): LoopDefinition => definition;
