import pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetDatabase } from "./reset-database";

/**
 * The test file's own connection for its inserts and checks (as the app role, like the code under test): opened
 * before the file's tests and closed after them, with the database emptied before each test.
 */
export const openTestDatabase = (): pg.Client => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());
  beforeEach(resetDatabase);
  return client;
};

/** One statement's rows, on a connection of its own: straight from PostgreSQL, whatever the code under test holds open. */
export const querySql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
};
