import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

/**
 * Test hook for the e2e secret-leak check (e2e/leak-check): when WATCHPOST_SIM_KEY_LOG names a file,
 * every API key a simulator serves is appended to it, one a line, so the check knows which secrets must
 * never show up in a log or an API response. Off unless that variable is set (playwright.config.ts sets it).
 */
export const recordIssuedKey = (key: string): void => {
  // eslint-disable-next-line no-restricted-syntax -- a test-tooling switch of the simulator, not app configuration
  const file = process.env.WATCHPOST_SIM_KEY_LOG;
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${key}\n`);
};
