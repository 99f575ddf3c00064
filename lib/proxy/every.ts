/**
 * Runs `task` every `ms` after the previous run finished (never two at once, however slow the database is).
 * Returns the stop function.
 */
export const every = (ms: number, task: () => Promise<void>): (() => void) => {
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => void task().finally(() => !isStopped && schedule()), ms);
  };
  schedule();
  return () => {
    isStopped = true;
    clearTimeout(timer);
  };
};
