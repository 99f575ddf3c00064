import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDb, getSql, inPgTransaction, type Sql } from "./db";
import { ConflictError, isUniqueViolation, withConflict } from "./repositories/persistence-errors";
import { queryInTransaction } from "./repositories/transaction-sql";

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

describe("typed SQL", () => {
  const name = () => `kysely-${randomUUID()}`;

  it("runs the same builder through Prisma ($kysely, and in a transaction through transaction-sql) and on the pg pool", async () => {
    const channel = name();
    await getDb().$kysely.insertInto("notification_channels").values({ id: randomUUID(), name: channel, kind: "webhook", updated_at: new Date() }).execute();
    const viaPool = await getSql().selectFrom("notification_channels").select(["name", "kind"]).where("name", "=", channel).executeTakeFirst();
    expect(viaPool).toEqual({ name: channel, kind: "webhook" });
    const inTx = await getDb().$transaction((tx) => queryInTransaction(tx, getSql().selectFrom("notification_channels").select("name").where("name", "=", channel)));
    expect(inTx).toEqual([{ name: channel }]);
  });

  it("reports a unique violation the same way on every path, and withConflict turns it into a 409 ConflictError", async () => {
    const channel = name();
    const insert = (db: Sql) => db.insertInto("notification_channels").values({ id: randomUUID(), name: channel, kind: "webhook", updated_at: new Date() }).execute();
    await insert(getSql());
    const viaPrismaKysely = await insert(getDb().$kysely).catch((error: unknown) => error);
    const viaPool = await insert(getSql()).catch((error: unknown) => error);
    const viaPrisma = await getDb().notificationChannel.create({ data: { name: channel, kind: "webhook" } }).catch((error: unknown) => error);
    for (const error of [viaPrismaKysely, viaPool, viaPrisma]) expect(isUniqueViolation(error)).toBe(true);
    const refused = withConflict(() => insert(getSql()), () => new ConflictError("A channel already has this name", "name"));
    await expect(refused).rejects.toMatchObject({ code: "conflict", status: 409, invalidParams: [{ name: "name", reason: "A channel already has this name" }] });
  });
});
