import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { describeExcessPrivileges, grantAppRole, roleOfUrl } from "./app-role";

// The URL web and worker get (integration-setup.ts sets DATABASE_URL to it, and every integration test uses it).
const appUrl = inject("databaseUrl");
const ownerUrl = inject("ownerDatabaseUrl");

const connect = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
};

describe("the app role (least privilege)", () => {
  const clients: pg.Client[] = [];
  const asApp = async () => {
    const client = await connect(appUrl);
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
  });

  it("is what the tests, web and worker connect as: not a superuser, in no server-access role, owning nothing", async () => {
    expect(process.env.DATABASE_URL).toBe(appUrl);
    expect(roleOfUrl(appUrl)).not.toBe(roleOfUrl(ownerUrl));
    const app = await asApp();
    const { rows } = await app.query<{ rolsuper: boolean; program: boolean; owned: number }>(
      `SELECT r.rolsuper, pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER') AS program,
         (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) + (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, program: false, owned: 0 });
    expect(await describeExcessPrivileges(appUrl)).toEqual([]);
  });

  it.each([
    ["run a program", "COPY (SELECT 1) TO PROGRAM 'true'"],
    ["read a server file", "SELECT pg_read_file('/etc/hostname')"],
    ["create a table in public", "CREATE TABLE public.app_made (id int)"],
    ["create a schema", "CREATE SCHEMA app_made"],
    ["change a table", "ALTER TABLE alerts ADD COLUMN app_made int"],
    ["truncate a table", "TRUNCATE alerts CASCADE"],
    ["drop pg-boss's queue table", "DROP TABLE pgboss.queue CASCADE"],
    ["rewrite the migration history", "DELETE FROM _prisma_migrations"],
  ])("cannot %s", async (_what, sql) => {
    const app = await asApp();
    // 42501 insufficient_privilege: "permission denied …" or "must be owner of …".
    await expect(app.query(sql)).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied|must be owner/) });
  });

  it("reads and writes the tables of a later migration (default privileges), and regranting is idempotent", async () => {
    const owner = await connect(ownerUrl);
    try {
      await owner.query("CREATE TABLE public.later_migration (id bigserial PRIMARY KEY, note text NOT NULL)");
      const app = await asApp();
      await app.query("INSERT INTO later_migration (note) VALUES ('from the app role')");
      expect((await app.query("UPDATE later_migration SET note = 'updated' RETURNING id, note")).rows).toEqual([{ id: "1", note: "updated" }]);
      await app.query("DELETE FROM later_migration");
      await grantAppRole({ ownerUrl, appRole: roleOfUrl(appUrl) });
      await grantAppRole({ ownerUrl, appRole: roleOfUrl(appUrl) });
      expect(await describeExcessPrivileges(appUrl)).toEqual([]);
    } finally {
      await owner.query("DROP TABLE IF EXISTS public.later_migration");
      await owner.end();
    }
  });

  it("names what a too-powerful DATABASE_URL may do (the owner's, here)", async () => {
    expect((await describeExcessPrivileges(ownerUrl)).join("; ")).toMatch(/superuser/);
  });
});
