import type { CompiledQuery } from "kysely";
import type pg from "pg";
import { getPgPool } from "../db";

/**
 * Runs a Kysely query, compiled from the typed builder, as a named prepared statement on the `pg` pool: parsed
 * and planned once per connection. For the per-request lookups (session user, bearer token), where that is
 * cheaper than Prisma's per-query compilation (bench:load, docs/benchmarks.md); Kysely itself sends every query
 * unnamed. One name must always carry the same SQL text, which a builder of fixed shape gives.
 */
export const runPrepared = async <R>(name: string, query: CompiledQuery<R>, pool: pg.Pool = getPgPool()): Promise<R[]> =>
  (await pool.query<R & pg.QueryResultRow>({ name, text: query.sql, values: [...query.parameters] })).rows;
