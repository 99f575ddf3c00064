import path from "node:path";
import { defineConfig } from "@playwright/test";

// `npm run test:e2e` (scripts/test-e2e.ts) prepares Chromium, a fresh data folder and the build, then runs this.
const PORT = Number(process.env.E2E_PORT ?? 3210);
/** The session proxy of the e2e server (specs reach https://<site>.atlassian.net.proxy.localhost:<this>). */
export const E2E_PROXY_PORT = Number(process.env.E2E_PROXY_PORT ?? 4543);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";
// For the secret-leak check (e2e/leak-check): the server's output, every response body it sends, and every
// API key the specs' simulators issue (this process and the test workers inherit it) land in the data dir.
const SERVER_LOG = path.join(E2E_DATA_DIR, "server.log");
process.env.WATCHPOST_SIM_KEY_LOG ??= path.resolve(E2E_DATA_DIR, "simulator-keys.txt");
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  // Fails the run when a simulator API key or WATCHPOST_SECRET shows up in the server log or any response body.
  globalTeardown: "./e2e/leak-check/global-teardown.ts",
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /setup\/.*\.setup\.ts/ },
    { name: "e2e", testMatch: /.*\.spec\.ts/, dependencies: ["setup"] },
  ],
  webServer: {
    // The server's stdout+stderr also go to SERVER_LOG (Playwright still prints them).
    command: `mkdir -p '${E2E_DATA_DIR}' && node_modules/.bin/tsx scripts/start.ts 2>&1 | tee -a '${SERVER_LOG}'`,
    url: `http://localhost:${PORT}/api/v1/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      WATCHPOST_PROXY_PORT: String(E2E_PROXY_PORT),
      WATCHPOST_DATA_DIR: E2E_DATA_DIR,
      WATCHPOST_DEMO: "0",
      // Lets throttling tests present distinct client IPs (X-Forwarded-For) without locking each other out.
      WATCHPOST_TRUST_PROXY: "1",
      // The session-policy spec presents a Tor-listed client IP to the proxy with X-Forwarded-For.
      WATCHPOST_PROXY_TRUST_PROXY: "1",
      // Notification tests deliver to webhook and SMTP receivers on 127.0.0.1 (docs/security.md).
      WATCHPOST_ALLOW_PRIVATE_TARGETS: "1",
      // The fuzz alone sends 18,000 requests in about 2 minutes with one token, far past the default 600 a minute;
      // the limit itself is tested on a web of its own (e2e/security/api-rate-limit.spec.ts).
      WATCHPOST_API_RATE_LIMIT_PER_MINUTE: "1000000",
      LOG_LEVEL: "info",
      // Every JSON answer is checked against its route contract's response schema: a mismatch is a 500, so a test fails.
      WATCHPOST_CHECK_RESPONSES: "1",
      WATCHPOST_E2E_RESPONSE_LOG: path.resolve(E2E_DATA_DIR, "responses.log"),
    },
  },
});
