import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { withDatabase } from "../../testing/integration-global-setup";
import { describeExcessPrivileges } from "./app-role";
import { migrateDatabase } from "./migrate-database";

const adminUrl = inject("adminDatabaseUrl");

const run = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

const asRole = (role: string, password: string) => {
  const url = new URL(withDatabase(adminUrl, "external_roles"));
  url.username = role;
  url.password = password;
  return url.toString();
};

describe("an external database set up as the README says (DATABASE_OWNER_URL + DATABASE_URL)", () => {
  it("migrates as a non-superuser owner, pg-boss included, and leaves the app role only rows to read and write", async () => {
    const [ownerPassword, appPassword] = [randomBytes(12).toString("hex"), randomBytes(12).toString("hex")];
    // The README's block, with test role names (roles are per cluster).
    await run(adminUrl, "DROP DATABASE IF EXISTS external_roles WITH (FORCE)");
    await run(adminUrl, "DROP ROLE IF EXISTS readme_owner");
    await run(adminUrl, "DROP ROLE IF EXISTS readme_app");
    await run(adminUrl, `CREATE ROLE readme_owner LOGIN PASSWORD '${ownerPassword}'`);
    await run(adminUrl, `CREATE ROLE readme_app LOGIN PASSWORD '${appPassword}'`);
    await run(adminUrl, "CREATE DATABASE external_roles OWNER readme_owner");
    const ownerUrl = asRole("readme_owner", ownerPassword);
    const appUrl = asRole("readme_app", appPassword);
    try {
      await migrateDatabase({ ownerUrl, appUrl });
      expect(await describeExcessPrivileges(appUrl)).toEqual([]);
      expect(await describeExcessPrivileges(ownerUrl)).not.toEqual([]);
      // What web and worker do: rows in both schemas, and pg-boss's functions.
      await run(appUrl, "UPDATE change_counters SET version = nextval('change_counters_version_seq') WHERE name = 'alerts'");
      await run(appUrl, `SELECT pgboss.create_queue('readme-queue', '{"policy":"standard"}'::jsonb)`);
      expect(await run(appUrl, "SELECT name FROM pgboss.queue")).toEqual([{ name: "readme-queue" }]);
      await expect(run(appUrl, "CREATE TABLE app_made (id int)")).rejects.toThrow(/permission denied/);
    } finally {
      await run(adminUrl, "DROP DATABASE IF EXISTS external_roles WITH (FORCE)");
      await run(adminUrl, "DROP ROLE IF EXISTS readme_app");
      await run(adminUrl, "DROP ROLE IF EXISTS readme_owner");
    }
  });
});
