// Start-up and cookie flags (issue 18, item 8): `npm run web` / `npm run worker` refuse to start without a
// strong WATCHPOST_SECRET, and a web started on its own with an https WATCHPOST_URL sets Secure cookies.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, DATA_DIR } from "../fixtures/env";
import { freePort, waitFor } from "../fixtures/own-web";

const TSX = "node_modules/.bin/tsx";
const COMMANDS = { web: "scripts/web.ts", worker: "lib/server/jobs/worker.ts" } as const;

/** The environment of a process started by hand: PATH and the database of the running e2e instance, nothing else. */
const baseEnv = (): NodeJS.ProcessEnv => {
  const runtime = JSON.parse(readFileSync(path.join(DATA_DIR, "runtime.json"), "utf8")) as { databaseUrl: string };
  return { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: runtime.databaseUrl, NODE_ENV: "production", LOG_LEVEL: "silent" };
};

const run = (service: keyof typeof COMMANDS, env: NodeJS.ProcessEnv) => spawnSync(TSX, [COMMANDS[service]], { env, encoding: "utf8", timeout: 60_000 });

for (const service of ["web", "worker"] as const) {
  test(`npm run ${service} refuses to start without WATCHPOST_SECRET, or with a repeated one, in one line`, () => {
    const missing = run(service, baseEnv());
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toMatch(new RegExp(`^watchpost ${service}: WATCHPOST_SECRET is not set`));
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);

    const repeated = run(service, { ...baseEnv(), WATCHPOST_SECRET: "watchpost".repeat(6) });
    expect(repeated.status).toBe(1);
    expect(repeated.stderr.trim()).toMatch(new RegExp(`^watchpost ${service}: Invalid environment variable WATCHPOST_SECRET: looks repeated`));
    expect(repeated.stderr.trim().split("\n")).toHaveLength(1);
  });
}

test("npm run web with an https WATCHPOST_URL sets Secure cookies (csrf and session)", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const secret = readFileSync(path.join(DATA_DIR, "secret"), "utf8").trim();
  // WATCHPOST_URL only: no NEXTAUTH_URL, which `npm start` would have set.
  const env = { ...baseEnv(), PORT: String(port), WATCHPOST_SECRET: secret, WATCHPOST_URL: `https://localhost:${port}` };
  // Its own process group, so that stopping it stops tsx's child too.
  const web = spawn(TSX, [COMMANDS.web], { env, stdio: "ignore", detached: true });
  try {
    const origin = `http://localhost:${port}`;
    await waitFor(`${origin}/api/v1/health`, 90_000);
    const csrf = await fetch(`${origin}/api/auth/csrf`);
    const csrfCookies = csrf.headers.getSetCookie();
    expect(csrfCookies.length).toBeGreaterThan(0);
    for (const cookie of csrfCookies) expect(cookie).toMatch(/;\s*Secure/i);

    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookieHeader = csrfCookies.map((c) => c.split(";")[0]).join("; ");
    const signIn = await fetch(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader },
      body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, json: "true" }),
    });
    expect(signIn.status).toBe(200);
    const session = signIn.headers.getSetCookie().find((c) => c.includes("next-auth.session-token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
  } finally {
    if (web.pid) process.kill(-web.pid, "SIGTERM");
  }
});
