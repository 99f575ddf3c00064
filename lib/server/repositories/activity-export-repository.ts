import { expressionBuilder, sql, type Expression, type RawBuilder, type Selectable } from "kysely";
import type { DB } from "../../generated/kysely/types";
import { getPgPool, getSql, type Sql } from "../db";
import {
  activityFields,
  buildActivityPageQuery,
  type ActivityField,
  type ActivityQueryFilter,
  type ActivityRange,
  type ActivityTables,
} from "./activity-query-repository";

// The export side of the activity log, on the pg pool (the hot path bench:activity-log measures): ranges of the
// activity log formatted as CSV or NDJSON by PostgreSQL (rows parsed in the client would make an export
// CPU-bound). The ranges themselves come from the page query. The cell formatting and COPY are `sql` fragments
// over the typed field expressions of activity-query-repository: string building and COPY have no builder form.

/** The stored columns the export reads (all but raw), carried through the range subquery aliased `a`. */
const ROW_COLUMNS = [
  "a.seq", "a.event_time", "a.event_id", "a.connector_id", "a.source", "a.processed_at", "a.action", "a.action_name", "a.action_group", "a.product",
  "a.site_id", "a.site_name", "a.actor_id", "a.actor_name", "a.actor_email", "a.on_behalf_of_id", "a.auth_type", "a.is_system",
  "a.is_admin_action", "a.is_impersonation", "a.target_name", "a.targets", "a.ip", "a.country", "a.country_code", "a.region", "a.city",
  "a.lat", "a.lon", "a.location_source", "a.ip_category", "a.ip_tags", "a.message", "a.search_text", "a.session_outcome", "a.session_policy_ids",
] as const;

type Cell = Expression<unknown>;

/** The range's rows as `a` (its columns are those of activities it selected) left-joined to their connector `c`. */
const rangeWithConnector = (sqlDb: Sql, filter: ActivityQueryFilter, range: ActivityRange, isWithRaw: boolean) => {
  const inner = buildActivityPageQuery(filter, range, null, { columns: (qb) => (isWithRaw ? qb.select([...ROW_COLUMNS, "a.raw"]) : qb.select(ROW_COLUMNS)) }, sqlDb);
  return sqlDb.selectFrom(sql<Selectable<DB["activities"]>>`${inner}`.as("a")).leftJoin("connectors as c", "c.id", "a.connector_id");
};

const fieldsOfA = () => activityFields(expressionBuilder<ActivityTables, "a">());
const connectorName = () => expressionBuilder<DB & { c: DB["connectors"] }, "c">().ref("c.name");

/**
 * A leading = + - @ tab or CR gets a quote so spreadsheets never run the cell as a formula (OWASP CSV injection).
 * ascii() of the first character, compared as integers: `left(x, 1) IN (...)` allocated a string per cell.
 */
const noFormula = (expr: Cell) => sql<string>`CASE WHEN ascii(${expr}) IN (61, 43, 45, 64, 9, 13) THEN '''' || ${expr} ELSE ${expr} END`;

/** A quoted CSV cell, formula-safe. */
const csvCell = (expr: Cell) => sql<string>`coalesce('"' || replace(${noFormula(expr)}, '"', '""') || '"', '')`;

/** Our own identifiers and codes: UUIDs, sequence numbers, catalogue keys, ISO codes, IP text, category names. */
const SAFE_CSV_FIELDS: ReadonlySet<string> = new Set(["connectorId", "source", "action", "product", "ip", "countryCode", "ipCategory"]);

/** to_char costs ~4 µs a row: the timestamp's own text form is ISO 8601 once the space becomes a T. */
const isoTimeCell = () => sql<string>`translate((${sql.ref("a.event_time")} AT TIME ZONE 'UTC')::text, ' ', 'T') || 'Z'`;

const TEXT_OF_NON_TEXT: ReadonlySet<string> = new Set(["isSystem", "isAdminAction", "isImpersonation", "lat", "lon"]);

const fieldOf = (field: string): Cell => {
  const fields = fieldsOfA();
  if (!(field in fields)) throw new Error(`unknown export column ${field}`);
  return fields[field as ActivityField];
};

const csvField = (field: string): RawBuilder<string> => {
  if (field === "connectorName") return csvCell(connectorName());
  if (field === "time") return isoTimeCell();
  if (field === "id") return sql<string>`${sql.ref("a.seq")}::text`;
  const cell = fieldOf(field);
  if (field === "ipTags") return csvCell(sql`array_to_string(${sql.ref("a.ip_tags")}, ' ')`);
  if (field === "targets") return csvCell(sql`${sql.ref("a.targets")}::text`);
  if (TEXT_OF_NON_TEXT.has(field)) return sql<string>`coalesce(${cell}::text, '')`;
  // Values that never hold a comma, quote, line break or leading formula character need no quoting (≈ 1 µs a cell).
  if (SAFE_CSV_FIELDS.has(field)) return sql<string>`coalesce(${cell}, '')`;
  return csvCell(cell);
};

const ndjsonLine = () =>
  sql<string>`json_build_object(${sql.join(
    Object.entries(fieldsOfA()).flatMap(([field, cell]) => [sql.lit(field), cell]),
  )}, 'connectorName', ${connectorName()}, 'raw', ${sql.ref("a.raw")})::text`;

/**
 * One range of an export formatted by PostgreSQL into one string (parsing rows in the client is what would
 * make an export CPU-bound): the rows of the range that match every filter, free text included.
 */
export const findActivityExportText = async (
  filter: ActivityQueryFilter,
  range: ActivityRange,
  format: Readonly<{ kind: "csv"; columns: readonly string[] } | { kind: "ndjson" }>,
  sqlDb: Sql = getSql(),
): Promise<string> => {
  const line =
    format.kind === "csv"
      ? sql<string>`${sql.join(format.columns.map(csvField), sql` || ',' || `)} || E'\\n'`
      : sql<string>`${ndjsonLine()} || E'\\n'`;
  const row = await rangeWithConnector(sqlDb, filter, range, format.kind === "ndjson")
    // A fragment: an ordered aggregate (string_agg ... ORDER BY) of the formatted lines.
    .select(sql<string | null>`string_agg(${line}, '' ORDER BY ${sql.ref("a.event_time")} DESC, ${sql.ref("a.seq")} DESC)`.as("text"))
    .executeTakeFirst();
  return row?.text ?? "";
};

/** A parameter as an SQL literal: COPY takes no bind parameters. */
const toLiteral = (value: unknown, escape: (text: string) => string): string => {
  if (value instanceof Date) return escape(value.toISOString());
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return escape(`{${value.map((v) => `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`);
  return escape(String(value));
};

/**
 * `COPY (query) TO STDOUT` through node-pg's submittable protocol (what pg-copy-streams does, without the
 * dependency): PostgreSQL formats and quotes the CSV in C, about twice as fast as SQL string building.
 */
const copyOut = async (text: string, values: readonly unknown[]): Promise<Buffer> => {
  const client = await getPgPool().connect();
  try {
    const sql = text.replace(/\$(\d+)\b/g, (_, n: string) => toLiteral(values[Number(n) - 1], (t) => client.escapeLiteral(t)));
    return await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const copy = {
        submit: (connection: { query: (text: string) => void }) => connection.query(sql),
        // The chunk is a view into the socket's read buffer, which the parser reuses: copy it.
        handleCopyData: (message: { chunk: Buffer }) => chunks.push(Buffer.from(message.chunk)),
        handleRowDescription: () => undefined,
        handleDataRow: () => undefined,
        handleCommandComplete: () => undefined,
        handleEmptyQuery: () => undefined,
        handlePortalSuspended: () => undefined,
        handleError: (error: Error) => reject(error),
        handleReadyForQuery: () => resolve(Buffer.concat(chunks)),
      };
      void client.query(copy as unknown as string);
    });
  } finally {
    client.release();
  }
};

/** One export cell for COPY (which does the quoting): text that could start a formula gets a leading quote. */
const copyField = (field: string): Cell => {
  if (field === "time") return isoTimeCell();
  if (field === "id") return sql.ref("a.seq");
  if (field === "connectorName") return noFormula(connectorName());
  if (field === "ipTags") return sql`array_to_string(${sql.ref("a.ip_tags")}, ' ')`;
  if (field === "targets") return sql`${sql.ref("a.targets")}::text`;
  const cell = fieldOf(field);
  if (TEXT_OF_NON_TEXT.has(field)) return sql`${cell}::text`;
  return SAFE_CSV_FIELDS.has(field) ? cell : noFormula(cell);
};

/** One range of a CSV export without free text, through COPY. */
export const copyActivityCsvRange = async (
  filter: Omit<ActivityQueryFilter, "text">,
  range: ActivityRange,
  columns: readonly string[],
  sqlDb: Sql = getSql(),
): Promise<Buffer> => {
  const query = rangeWithConnector(sqlDb, filter, range, false)
    .select(columns.map((field, i) => (copyField(field) as RawBuilder<unknown>).as(`c${i}`)))
    .orderBy("a.event_time", "desc")
    .orderBy("a.seq", "desc");
  // A fragment: COPY (query) TO STDOUT has no builder form (the embedded query comes parenthesised).
  const { sql: text, parameters } = sql`COPY ${query} TO STDOUT WITH (FORMAT csv)`.compile(sqlDb);
  return copyOut(text, parameters);
};
