import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { queryInTransaction } from "./transaction-sql";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const backendPid = sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`;

/** Four transactions at once, each reading its backend pid through Prisma and then through `viaKysely`. */
const pidsOfConcurrentTransactions = (viaKysely: (tx: Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0]) => Promise<number | undefined>) =>
  Promise.all(
    Array.from({ length: 4 }, (_, i) =>
      getDb().$transaction(async (tx) => {
        await sleep(50 * i);
        const [own] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        await sleep(300); // every transaction has started by now
        return { own: own?.pid, kysely: await viaKysely(tx) };
      }),
    ),
  );

// Why the repositories do not use tx.$kysely (prisma-extension-kysely 3.0.1): it is one property shared by all
// transactions, so under concurrency each ran on the connection of the transaction that started last (seen with
// these four transactions in a targeted run; not asserted here, as whether they all overlap depends on the
// machine's load).
describe("typed SQL inside concurrent Prisma transactions", () => {
  it("queryInTransaction runs on the transaction's own connection", async () => {
    for (const { own, kysely } of await pidsOfConcurrentTransactions(async (tx) => (await queryInTransaction(tx, backendPid))[0]?.pid)) expect(kysely).toBe(own);
  });
});
