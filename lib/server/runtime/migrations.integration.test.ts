import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { recreateDatabase, withDatabase } from "../../testing/integration-global-setup";
import { HAND_WRITTEN_INDEXES, snapshotSchema } from "../../testing/schema-snapshot";
import { migrateDeploy } from "./migrate";

const adminUrl = inject("adminDatabaseUrl");

const runSql = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

describe("migrations", () => {
  it("apply to an empty database and record themselves", async () => {
    const url = withDatabase(adminUrl, "migrations_fresh");
    await recreateDatabase(adminUrl, "migrations_fresh");
    await migrateDeploy({ databaseUrl: url });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.tablename);
    const applied = (await client.query("SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL")).rows[0].n;
    await client.end();
    expect(tables).toEqual(expect.arrayContaining(["users", "api_tokens", "audit_events", "login_failures", "worker_heartbeats", "_prisma_migrations"]));
    expect(applied).toBeGreaterThan(0);
    // Idempotent: a second deploy applies nothing and succeeds.
    await expect(migrateDeploy({ databaseUrl: url })).resolves.toMatch(/No pending migrations/);
  });

  it("match prisma/schema.prisma exactly (drift test)", async () => {
    const migratedUrl = withDatabase(adminUrl, "drift_migrated");
    const fromSchemaUrl = withDatabase(adminUrl, "drift_schema");
    await recreateDatabase(adminUrl, "drift_migrated");
    await recreateDatabase(adminUrl, "drift_schema");
    await migrateDeploy({ databaseUrl: migratedUrl });
    const script = execFileSync(
      path.join("node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { encoding: "utf8", env: { ...process.env, DATABASE_URL: fromSchemaUrl } },
    )
      .split("\n")
      .filter((l) => !l.startsWith("Loaded Prisma config"))
      .join("\n");
    await runSql(fromSchemaUrl, script);
    const [migrated, fromSchema] = await Promise.all([snapshotSchema(migratedUrl), snapshotSchema(fromSchemaUrl)]);
    expect(migrated.columns.length).toBeGreaterThan(10);
    // A difference here means schema.prisma changed without a migration: run `npm run db:migrate:new -- <name>`.
    expect(migrated).toEqual(fromSchema);
    // The hand-written partial indexes the comparison leaves out: there, and partial.
    const client = new pg.Client({ connectionString: migratedUrl });
    await client.connect();
    const handWritten = (await client.query<{ indexname: string; indexdef: string }>("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY($1)", [Object.keys(HAND_WRITTEN_INDEXES)])).rows;
    await client.end();
    expect(handWritten.map((r) => r.indexname).sort()).toEqual(Object.keys(HAND_WRITTEN_INDEXES).sort());
    for (const row of handWritten) expect(row.indexdef, row.indexname).toMatch(/ WHERE /);
  });
});
