// npm run cli -- <command> [options]
//   create-token --email <user email> --name <token name>   prints a new personal API token on stdout
//   setup-code                                              a new one-time code for /setup (first run, no user yet)
// Uses DATABASE_URL, or the embedded database of a running `npm start` (.data/runtime.json).
import path from "node:path";
import { parseArgs } from "node:util";
import { parseEnv } from "../lib/env";
import { readRuntimeInfo } from "../lib/server/runtime/runtime-file";

const USAGE = "usage: npm run cli -- create-token --email <user email> --name <token name>\n       npm run cli -- setup-code";
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

/** For `npm run web` deployments (npm start prints one itself): the web must use the same WATCHPOST_DATA_DIR. */
const printSetupCode = async (dataDir: string) => {
  const { isSetupOpen } = await import("../lib/server/services/users/setup-first-admin");
  if (!(await isSetupOpen())) return fail("Setup is already complete: a user exists.");
  const { issueSetupCode } = await import("../lib/server/runtime/setup-code");
  console.error(`One-time setup code for /setup (kept hashed in ${dataDir}; replaces any earlier code):`);
  console.log(issueSetupCode(dataDir));
};

const main = async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const command = positionals[0];
  if (values.help || (command !== "create-token" && command !== "setup-code")) return fail(USAGE);
  if (command === "create-token" && (!values.email || !values.name)) return fail(`create-token needs --email and --name\n${USAGE}`);

  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) {
    const running = readRuntimeInfo(path.resolve(env.WATCHPOST_DATA_DIR));
    if (!running) return fail("No database: set DATABASE_URL, or start Watchpost first with `npm start` (embedded Postgres).");
    process.env.DATABASE_URL = running.databaseUrl;
  }
  process.env.WATCHPOST_SERVICE = "cli";
  process.env.LOG_LEVEL ??= "warn";

  const { disconnectDb } = await import("../lib/server/db");
  if (command === "setup-code") return printSetupCode(path.resolve(env.WATCHPOST_DATA_DIR)).finally(disconnectDb);
  const { createTokenForEmail } = await import("../lib/server/services/tokens/create-token-for-email");
  try {
    if (!values.email || !values.name) return;
    const created = await createTokenForEmail({ email: values.email, name: values.name });
    console.error(`Created API token "${created.name}" for ${created.ownerEmail} (role ${created.role}). It is shown once:`);
    console.log(created.token);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    await disconnectDb();
  }
};

void main();
