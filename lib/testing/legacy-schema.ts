// A database as the release before the activities partitioning left it (migration 20261207200000_partition_activities
// not applied yet): for the move's integration test and bench:partition-move.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";

export const PARTITION_MIGRATION = "20261207200000_partition_activities";
const MIGRATIONS_DIR = path.join("prisma", "migrations");

const migrationSql = (name: string) => readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");

/** Applies, in order, every migration before the partitioning one. */
export const applyMigrationsBeforePartitioning = async (client: pg.Client): Promise<void> => {
  const names = readdirSync(MIGRATIONS_DIR).filter((m) => /^\d{14}_/.test(m)).sort();
  for (const name of names.filter((m) => m < PARTITION_MIGRATION)) await client.query(migrationSql(name));
};

/** Applies the partitioning migration itself. */
export const applyPartitioningMigration = (client: pg.Client) => client.query(migrationSql(PARTITION_MIGRATION));
