// npm run db:migrate:new -- <name> [--from <git-ref>]
// Writes prisma/migrations/<timestamp>_<name>/migration.sql as the diff between the datamodel at <git-ref>
// (default HEAD; empty when no migration exists yet) and prisma/schema.prisma. The WASM schema engine
// cannot introspect a live database here, so a diff of datamodels is the only way (RECIPES.md).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../lib/server/runtime/embedded-postgres";

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));
const refIndex = args.indexOf("--from");
const ref = refIndex >= 0 ? args[refIndex + 1] : "HEAD";
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migrate:new -- <name_in_snake_case> [--from <git-ref>]");
  process.exit(1);
}

const migrationsDir = path.join("prisma", "migrations");
const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).some((d) => /^\d{14}_/.test(d));
const from: string[] = ["--from-empty"];
if (hasMigrations) {
  const previous = path.join(tmpdir(), `watchpost-prev-${process.pid}.prisma`);
  writeFileSync(previous, execFileSync("git", ["show", `${ref}:prisma/schema.prisma`]));
  from.splice(0, 1, "--from-schema-datamodel", previous);
}

// With a driver adapter configured, even a datamodel-to-datamodel diff connects: give it a throwaway server.
const scratch = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), "watchpost-diff-"));
const server = scratch ? await startEmbeddedPostgres({ dataDir: scratch, isEphemeral: true }) : undefined;
let output: string;
try {
  output = execFileSync(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: server?.ownerUrl ?? process.env.DATABASE_URL } },
  );
} finally {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
const sql = output
  .split("\n")
  .filter((line) => !line.startsWith("Loaded Prisma config"))
  .join("\n")
  .trim();

if (!sql || sql === "-- This is an empty migration.") {
  console.error("No schema change since " + (hasMigrations ? ref : "empty") + ": nothing to migrate.");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
console.log(`Wrote ${dir}/migration.sql`);
