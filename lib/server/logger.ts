import pino from "pino";
import { getEnv } from "../env";

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
});

export type Logger = typeof logger;
