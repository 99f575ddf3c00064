// Vitest global setup for *.integration.test.ts: one real embedded PostgreSQL for the run, a fresh
// database migrated with `prisma migrate deploy`. Set TEST_DATABASE_ADMIN_URL to use an external server.
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../server/runtime/embedded-postgres";
import { migrateDeploy } from "../server/runtime/migrate";

let server: EmbeddedPostgresHandle | undefined;
let serverDir: string | undefined;

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

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    // One cluster per run (runs may overlap), removed afterwards.
    serverDir = path.resolve(`.data/test-pg-${process.pid}`);
    server = await startEmbeddedPostgres({ dataDir: serverDir, database: "postgres", isEphemeral: true });
    adminUrl = server.url;
  }
  const databaseUrl = withDatabase(adminUrl, "watchpost_test");
  await recreateDatabase(adminUrl, "watchpost_test");
  await migrateDeploy({ databaseUrl });
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminDatabaseUrl", adminUrl);
  return async () => {
    await server?.stop();
    if (serverDir) rmSync(serverDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
  }
}
