/**
 * Whether this process is stopping (a signal came). Kept on globalThis: the web process's Next.js bundles hold
 * their own copies of the modules that read it (db.ts), and the flag must reach them too.
 */
const state = globalThis as unknown as { watchpostStopping?: boolean };

export const markProcessStopping = (): void => {
  state.watchpostStopping = true;
};

export const isProcessStopping = (): boolean => state.watchpostStopping === true;
