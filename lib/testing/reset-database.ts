import pg from "pg";
import { inject } from "vitest";

/**
 * Empties every application table (keeps the migration history): each test starts clean. As the owner: TRUNCATE is
 * not granted to the app role, which the tests otherwise use.
 */
export const resetDatabase = async (): Promise<void> => {
  const client = new pg.Client({ connectionString: inject("ownerDatabaseUrl") });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    if (rows.length) await client.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
};
