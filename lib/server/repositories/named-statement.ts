import type { Compilable, InferResult } from "kysely";
import { getPgPool, getSql, type Sql } from "../db";

// The text each name was first prepared with: pg prepares a name once per connection and would run a later,
// different text under the old plan (or refuse it), so a second text for the same name is a bug, caught here.
const TEXTS = new Map<string, string>();

/**
 * Runs a builder's statement as a named prepared statement on the pg pool (parsed and planned once per
 * connection: the hot alert reads, bench:load in docs/benchmarks.md). Kysely cannot name a statement, so the
 * builder is compiled and its text and parameters go to `pool.query({ name, … })`; the rows are typed by the
 * builder. Only for statements whose text is fixed (no optional clauses). Another handle (a transaction, Prisma's
 * `$kysely`) runs it unnamed on that handle.
 */
export const runNamed = async <Q extends Compilable<unknown>>(sql: Sql, name: string, query: Q): Promise<InferResult<Q>> => {
  const compiled = query.compile();
  if (sql !== getSql()) return (await sql.executeQuery(compiled)).rows as InferResult<Q>;
  const known = TEXTS.get(name);
  if (known === undefined) TEXTS.set(name, compiled.sql);
  else if (known !== compiled.sql) throw new Error(`named statement ${name} compiled to a different text`);
  const { rows } = await getPgPool().query({ name, text: compiled.sql, values: [...compiled.parameters] });
  return rows as InferResult<Q>;
};
