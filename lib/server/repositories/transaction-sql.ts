import type { Compilable, RawBuilder } from "kysely";
import { getSql, type DbTransaction } from "../db";

// Typed SQL inside a Prisma interactive transaction, on that transaction's connection.
//
// Not `tx.$kysely`: prisma-extension-kysely 3.0.1 assigns it onto an object that concurrent transactions share,
// so under concurrency it runs on whichever transaction started last (two sign-ins at once took each other's
// advisory locks and hung until Prisma's timeout; transaction-sql.integration.test.ts shows both). The query is
// built with the same typed builder and compiled, then sent through the transaction's own raw methods.

type Query<R> = Compilable<R> | RawBuilder<R>;

const compile = <R>(query: Query<R>) => ("compile" in query && query.compile.length === 0 ? (query as Compilable<R>).compile() : (query as RawBuilder<R>).compile(getSql()));

/** The rows of a typed query (a builder compiled from getSql(), or a `sql` fragment), run on `tx`'s connection. */
export const queryInTransaction = async <R>(tx: DbTransaction, query: Query<R>): Promise<R[]> => {
  const { sql, parameters } = compile(query);
  return tx.$queryRawUnsafe<R[]>(sql, ...parameters);
};

/** The number of rows a typed write changed, run on `tx`'s connection. */
export const executeInTransaction = async (tx: DbTransaction, query: Query<unknown>): Promise<number> => {
  const { sql, parameters } = compile(query);
  return tx.$executeRawUnsafe(sql, ...parameters);
};
