/** admin_shutdown, crash_shutdown, cannot_connect_now: the server is going away or restarting. */
const SHUTDOWN_CODES = new Set(["57P01", "57P02", "57P03"]);

/**
 * Whether a PostgreSQL error says the server is shutting down. Ctrl-C (and `npm start`'s exit hook) stops the
 * embedded server at the same moment as the web and worker, so such errors are expected then and are logged at
 * debug; clients reconnect by themselves after a real restart.
 */
export const isPostgresShutdown = (error: unknown): boolean => SHUTDOWN_CODES.has((error as { code?: unknown } | null)?.code as string);
