import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const SUCCESS = /All migrations have been successfully applied|No pending migrations to apply/;

/** True when every migration folder is recorded as applied with the same checksum (what Prisma checks). */
const isUpToDate = async (databaseUrl: string, cwd: string): Promise<boolean> => {
  const dir = path.join(cwd, "prisma", "migrations");
  const expected = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, checksum: createHash("sha256").update(readFileSync(path.join(dir, d.name, "migration.sql"))).digest("hex") }));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table.rows[0]?.t) return false;
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    return expected.every((m) => applied.get(m.name) === m.checksum);
  } finally {
    await client.end();
  }
};

/**
 * `prisma migrate deploy` on the WASM engine (prisma.config.ts), skipped when nothing is pending.
 * The 6.19 CLI lingers ~10 s after finishing (an idle handle in the adapter), so we stop it once it
 * reports success.
 */
export const migrateDeploy = async (options: Readonly<{ databaseUrl: string; cwd?: string }>): Promise<string> => {
  const cwd = options.cwd ?? process.cwd();
  if (await isUpToDate(options.databaseUrl, cwd)) return "No pending migrations to apply.";
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(cwd, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      cwd,
      env: { ...process.env, DATABASE_URL: options.databaseUrl, CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let isDone = false;
    const onData = (d: Buffer) => {
      output += d.toString();
      if (!isDone && SUCCESS.test(output)) {
        isDone = true;
        resolve(output);
        setTimeout(() => child.kill("SIGTERM"), 200).unref();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => {
      if (isDone) return;
      if (code === 0) resolve(output);
      else reject(new Error(`prisma migrate deploy failed: ${output.split("\n").filter((l) => /error/i.test(l)).join(" ") || output.trim().slice(-500)}`));
    });
  });
};
