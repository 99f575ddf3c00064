import pg from "pg";
import { describe, expect, it } from "vitest";
import { inPgTransaction } from "./db";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the pg pool of the ingest path", () => {
  // Found by the fault suite (npm run test:faults): a Postgres restart mid-sync killed the worker.
  it("survives a connection cut between two queries of a transaction, then works again", async () => {
    const killer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await killer.connect();
    try {
      let errorListeners = 0;
      const cut = inPgTransaction(async (client) => {
        errorListeners = client.listenerCount("error");
        const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid;
        await killer.query("SELECT pg_terminate_backend($1)", [pid]);
        await sleep(300); // the server's goodbye arrives while no query runs: an unhandled 'error' would crash
        return client.query("SELECT 1");
      });
      await expect(cut).rejects.toThrow(/terminat|Connection|queryable/);
      // Checked out, the client must still have someone listening for its 'error' event.
      expect(errorListeners).toBeGreaterThan(0);
      expect(await inPgTransaction(async (client) => (await client.query<{ one: number }>("SELECT 1 AS one")).rows[0]?.one)).toBe(1);
    } finally {
      await killer.end();
    }
  });
});
