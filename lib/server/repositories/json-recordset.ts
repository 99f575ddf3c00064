import { sql, type AliasedRawBuilder } from "kysely";

/** The PostgreSQL type of each field of a recordset row (`text`, `timestamptz`, `jsonb`, …), in column order. */
export type TRecordsetTypes<R> = { readonly [K in keyof R]-?: string };

/**
 * `jsonb_to_recordset($1::jsonb) AS alias(field type, …)`: many rows as one parameter, for bulk writes and
 * lookups (`INSERT … SELECT … FROM` this). A typed fragment because Kysely has no syntax for a set-returning
 * function's column definition list; the fields are typed `R`, and the statement the planner sees is the one the
 * SQL strings had.
 */
export const jsonRecordset = <R extends Readonly<Record<string, unknown>>, A extends string>(
  alias: A,
  types: TRecordsetTypes<R>,
  rows: readonly R[],
): AliasedRawBuilder<R, A> =>
  sql<R>`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)`.as<A>(
    sql`${sql.id(alias)}(${sql.join(Object.entries(types).map(([field, type]) => sql`${sql.id(field)} ${sql.raw(type as string)}`))})`,
  );
