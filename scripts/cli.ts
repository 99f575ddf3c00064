// npm run cli -- <command> [options]
//   create-token --email <user email> --name <token name>   prints a new personal API token on stdout
// Uses DATABASE_URL, or the embedded database of a running `npm start` (.data/runtime.json).
import path from "node:path";
import { parseArgs } from "node:util";
import { parseEnv } from "../lib/env";
import { readRuntimeInfo } from "../lib/server/runtime/runtime-file";

const USAGE = "usage: npm run cli -- create-token --email <user email> --name <token name>";
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const main = async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals[0] !== "create-token") return fail(USAGE);
  if (!values.email || !values.name) return fail(`create-token needs --email and --name\n${USAGE}`);

  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) {
    const running = readRuntimeInfo(path.resolve(env.WATCHPOST_DATA_DIR));
    if (!running) return fail("No database: set DATABASE_URL, or start Watchpost first with `npm start` (embedded Postgres).");
    process.env.DATABASE_URL = running.databaseUrl;
  }
  process.env.WATCHPOST_SERVICE = "cli";
  process.env.LOG_LEVEL ??= "warn";

  const { createTokenForEmail } = await import("../lib/server/services/tokens/create-token-for-email");
  const { disconnectDb } = await import("../lib/server/db");
  try {
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
