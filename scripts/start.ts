// npm start – the supervisor: embedded Postgres (unless DATABASE_URL), migrations (then v1 secrets rebound to their rows),
// first admin from the environment (else a one-time setup code for /setup), `next build` when sources changed, then web +
// worker + session proxy (unless WATCHPOST_PROXY=0). Ctrl-C stops everything.
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { EnvError, isDemoEnabled, parseEnv } from "../lib/env";
import { spawnProxy, spawnTsx, stopChild, waitForHttp, WEB_NODE_OPTIONS, withNodeOptions } from "../lib/server/runtime/children";
import { ensureBuild } from "../lib/server/runtime/ensure-build";
import { checkDatabase, describeDatabaseUrl } from "../lib/server/runtime/database-check";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../lib/server/runtime/embedded-postgres";
import { isPortInUse } from "../lib/server/runtime/free-port";
import { describeExcessPrivileges } from "../lib/server/runtime/app-role";
import { bindStoredSecrets, describeBindOutcome } from "../lib/server/runtime/bind-stored-secrets";
import { migrateDatabase } from "../lib/server/runtime/migrate-database";
import { removeRuntimeInfo, writeRuntimeInfo } from "../lib/server/runtime/runtime-file";
import { resolveSecret } from "../lib/server/runtime/secret";
import { consumeSetupCode, issueSetupCode } from "../lib/server/runtime/setup-code";
import { DEMO_API_KEY, DEMO_ORG_ID } from "../lib/simulator/demo";
import { startSimulator, type TRunningSimulator } from "../lib/simulator/start-simulator";

const say = (message: string) => console.log(`watchpost: ${message}`);
const fail = (message: string): never => {
  console.error(`watchpost: ${message}`);
  process.exit(1);
};

const children: ChildProcess[] = [];
let database: EmbeddedPostgresHandle | undefined;
let demo: TRunningSimulator | undefined;
let dataDir = "";
let isStopping = false;

const shutdown = async (code: number) => {
  if (isStopping) return;
  isStopping = true;
  say("stopping…");
  await Promise.all(children.map((c) => stopChild(c)));
  await demo?.close().catch(() => undefined);
  await database?.stop().catch(() => undefined);
  if (dataDir) removeRuntimeInfo(dataDir);
  process.exit(code);
};

const phases: string[] = [];
let phaseStart = Date.now();
const endPhase = (name: string) => {
  phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)} s`);
  phaseStart = Date.now();
};

/** The demo Atlassian org (simulator) in-process, so a new user can connect it at once. */
const startDemo = async (port: number) => {
  if (await isPortInUse(port)) {
    say(`demo Atlassian organization not started: port ${port} is in use (set WATCHPOST_DEMO_PORT, or WATCHPOST_DEMO=0)`);
    return;
  }
  demo = await startSimulator({ port, demo: true });
  say(`demo Atlassian organization at ${demo.baseUrl}: Organization ID ${DEMO_ORG_ID}, API key ${DEMO_API_KEY}`);
};

const main = async () => {
  const started = Date.now();
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    return fail(error instanceof EnvError ? error.message : String(error));
  }
  dataDir = path.resolve(env.WATCHPOST_DATA_DIR);
  if (await isPortInUse(env.PORT)) return fail(`port ${env.PORT} is already in use; set PORT to a free port (e.g. PORT=3001 npm start)`);

  let databaseUrl = env.DATABASE_URL;
  // The schema owner migrates; web and worker get DATABASE_URL only (docs/security.md, least privilege).
  let ownerUrl = env.DATABASE_OWNER_URL ?? databaseUrl;
  if (databaseUrl) {
    for (const [name, url] of Object.entries({ DATABASE_URL: databaseUrl, DATABASE_OWNER_URL: env.DATABASE_OWNER_URL })) {
      const problem = url ? await checkDatabase(url) : null;
      if (url && problem) return fail(`cannot reach the database at ${describeDatabaseUrl(url)} (${name}): ${problem}`);
    }
    if (!env.DATABASE_OWNER_URL)
      say("DATABASE_URL also runs the migrations: set DATABASE_OWNER_URL to the schema owner and give DATABASE_URL a role that owns nothing (README, Configuration, Database roles)");
  } else {
    say(`starting embedded PostgreSQL (data in ${path.relative(process.cwd(), dataDir) || "."}/pg)…`);
    try {
      database = await startEmbeddedPostgres({ dataDir });
    } catch (error) {
      return fail((error as Error).message);
    }
    databaseUrl = database.url;
    ownerUrl = database.ownerUrl;
  }
  endPhase("database");

  let secret: string;
  try {
    secret = resolveSecret({ secret: env.WATCHPOST_SECRET, dataDir, isEmbedded: !env.DATABASE_URL });
  } catch (error) {
    return fail((error as Error).message);
  }
  const url = env.WATCHPOST_URL ?? `http://localhost:${env.PORT}`;
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    WATCHPOST_SECRET: secret,
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: secret,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  });

  try {
    await migrateDatabase({ ownerUrl: ownerUrl ?? databaseUrl, appUrl: databaseUrl });
    const bound = describeBindOutcome(await bindStoredSecrets({ databaseUrl, secret }));
    if (bound) say(bound);
  } catch (error) {
    return fail((error as Error).message);
  }
  // Not inherited by web and worker: they never hold the owner's password.
  delete process.env.DATABASE_OWNER_URL;
  if (ownerUrl !== databaseUrl) {
    const excess = await describeExcessPrivileges(databaseUrl);
    // Ours when embedded: a bug, never started on. An external role is the operator's: said, then started.
    if (excess.length && database) return fail(`the embedded app role can do more than it should: ${excess.join("; ")}`);
    for (const line of excess) say(`DATABASE_URL: ${line}; web and worker need only the grants in README, Configuration, Database roles`);
  }
  endPhase("migrations");
  const { disconnectDb } = await import("../lib/server/db");
  if (env.WATCHPOST_ADMIN_EMAIL && env.WATCHPOST_ADMIN_PASSWORD) {
    const { ensureEnvAdmin } = await import("../lib/server/services/users/ensure-env-admin");
    const outcome = await ensureEnvAdmin({ email: env.WATCHPOST_ADMIN_EMAIL, password: env.WATCHPOST_ADMIN_PASSWORD });
    say(`admin ${env.WATCHPOST_ADMIN_EMAIL} ${outcome} from WATCHPOST_ADMIN_EMAIL`);
  }
  // First run without an admin from the environment: /setup asks for this code, so the first visitor cannot take over.
  const { isSetupOpen } = await import("../lib/server/services/users/setup-first-admin");
  if (await isSetupOpen()) say(`first run: open ${url}/setup and enter the one-time setup code ${issueSetupCode(dataDir)}`);
  else consumeSetupCode(dataDir);
  await disconnectDb();

  if (!ensureBuild(say)) return fail("next build failed (see above)");
  endPhase("build check");

  if (isDemoEnabled(env)) await startDemo(env.WATCHPOST_DEMO_PORT);
  else if (env.WATCHPOST_DEMO === undefined) say("demo Atlassian organization not started: WATCHPOST_URL is not a loopback URL (WATCHPOST_DEMO=1 starts it)");

  const web = spawnTsx("scripts/web.ts", withNodeOptions({ ...process.env, WATCHPOST_SERVICE: "web" }, WEB_NODE_OPTIONS));
  const worker = spawnTsx("lib/server/jobs/worker.ts", { ...process.env, WATCHPOST_SERVICE: "worker" });
  children.push(web, worker);
  const names = new Map<ChildProcess, string>([[web, "web"], [worker, "worker"]]);
  if (!env.WATCHPOST_PROXY) say("session proxy not started (WATCHPOST_PROXY=0)");
  else if (await isPortInUse(env.WATCHPOST_PROXY_PORT))
    say(`session proxy not started: port ${env.WATCHPOST_PROXY_PORT} is in use (set WATCHPOST_PROXY_PORT, or WATCHPOST_PROXY=0)`);
  else {
    const proxy = spawnProxy({ ...process.env, WATCHPOST_SERVICE: "proxy" });
    children.push(proxy);
    names.set(proxy, "proxy");
  }
  for (const child of children) {
    child.on("exit", (code, signal) => {
      if (isStopping) return;
      console.error(`watchpost: ${names.get(child) ?? "child"} exited (${signal ?? code}); stopping`);
      void shutdown(1);
    });
  }
  if (!(await waitForHttp(`http://127.0.0.1:${env.PORT}/login`, web, 60_000))) return void shutdown(1);
  endPhase("web");
  writeRuntimeInfo(dataDir, { databaseUrl, url, pid: process.pid });
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${phases.join(", ")}) → ${url}  (Ctrl-C to stop)`);
};

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch((error: unknown) => {
  console.error(`watchpost: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
