import pino from "pino";
import { getEnv } from "../env";
import { isProcessStopping } from "./runtime/process-stopping";

/** Keys that must never reach a log line, wherever they sit in the logged object. */
const REDACT = [
  "password",
  "passwordHash",
  "token",
  "apiKey",
  "secret",
  "authorization",
  "cookie",
  "*.password",
  "*.passwordHash",
  "*.token",
  "*.apiKey",
  "*.secret",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
];

/** The one structured logger (JSON lines; `npm start` prints them as they come). */
export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { service: getEnv().WATCHPOST_SERVICE },
  redact: { paths: REDACT, censor: "[redacted]" },
  timestamp: pino.stdTimeFunctions.isoTime,
  hooks: {
    // Once the process is stopping (Ctrl-C stops PostgreSQL at the same moment), warnings are the expected
    // echoes of that (lost connections, a pass cut short): only real errors and the one stop line are written.
    logMethod(args, method, level) {
      if (level === 40 && isProcessStopping()) return;
      method.apply(this, args);
    },
  },
});

export type Logger = typeof logger;
