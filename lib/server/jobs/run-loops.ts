import type { LoopContext, LoopDefinition } from "./define-loop";

const ERROR_PAUSE_MS = 1_000;

/**
 * Runs every loop round after round until the worker stops; a round that throws (database restarting) is
 * logged and retried after a second. Resolves once every loop has returned.
 */
export const runLoops = (loops: readonly LoopDefinition[], ctx: LoopContext): Promise<void> =>
  Promise.all(
    loops.map(async (loop) => {
      const logger = ctx.logger.child({ loop: loop.name });
      while (!ctx.isStopping()) {
        try {
          await loop.run({ ...ctx, logger });
        } catch (error) {
          const err = error as Error & { code?: string };
          if (!ctx.isStopping()) logger.warn({ code: err.code, message: err.message }, "loop round failed; retrying");
          await new Promise((resolve) => setTimeout(resolve, ERROR_PAUSE_MS));
        }
      }
    }),
  ).then(() => undefined);
