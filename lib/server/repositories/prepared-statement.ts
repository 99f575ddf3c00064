import type { Compilable, CompiledQuery, InferResult } from "kysely";
import type pg from "pg";
import { getPgPool, getSql, type Sql } from "../db";

// The text each name was first prepared with: pg prepares a name once per connection and would run a later,
// different text under the old plan (or refuse it), so a second text for the same name is a bug, caught here.
const TEXTS = new Map<string, string>();

/**
 * Runs a Kysely query, compiled from the typed builder, as a named prepared statement on the `pg` pool: parsed
 * and planned once per connection. For the per-request lookups (session user, bearer token) and the hot alert
 * reads, where that is cheaper than Prisma's per-query compilation or an unnamed statement (bench:load,
 * docs/benchmarks.md); Kysely itself sends every query unnamed. Only for statements whose text is fixed (no
 * optional clauses).
 */
export const runPrepared = async <R>(name: string, query: CompiledQuery<R>, pool: pg.Pool = getPgPool()): Promise<R[]> => {
  const known = TEXTS.get(name);
  if (known === undefined) TEXTS.set(name, query.sql);
  else if (known !== query.sql) throw new Error(`prepared statement ${name} compiled to a different text`);
  return (await pool.query<R & pg.QueryResultRow>({ name, text: query.sql, values: [...query.parameters] })).rows;
};

/** `runPrepared` for a builder, typed by it. Another handle than the pool's (a test's, a transaction) runs it unnamed there. */
export const runNamed = async <Q extends Compilable<unknown>>(sql: Sql, name: string, query: Q): Promise<InferResult<Q>> => {
  const compiled = query.compile();
  if (sql !== getSql()) return (await sql.executeQuery(compiled)).rows as InferResult<Q>;
  return (await runPrepared(name, compiled)) as InferResult<Q>;
};
