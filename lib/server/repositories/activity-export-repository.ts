import { getPgPool } from "../db";
import { buildActivityPageQuery, FIELD_SQL, ROW_COLUMNS, type ActivityQueryFilter, type ActivityRange, type ActivityRow } from "./activity-query-repository";

// The export side of the activity log: ranges of the activity log formatted as CSV or NDJSON by PostgreSQL
// (rows parsed in the client would make an export CPU-bound). The ranges themselves come from the page query.

/**
 * A leading = + - @ tab or CR gets a quote so spreadsheets never run the cell as a formula (OWASP CSV injection).
 * ascii() of the first character, compared as integers: `left(x, 1) IN (...)` allocated a string per cell.
 */
const noFormula = (expr: string) => `CASE WHEN ascii(${expr}) IN (61, 43, 45, 64, 9, 13) THEN '''' || ${expr} ELSE ${expr} END`;

/** A quoted CSV cell, formula-safe. */
const csvCell = (expr: string) => `coalesce('"' || replace(${noFormula(expr)}, '"', '""') || '"', '')`;

/** Our own identifiers and codes: UUIDs, sequence numbers, catalogue keys, ISO codes, IP text, category names. */
const SAFE_CSV_FIELDS: ReadonlySet<string> = new Set(["connectorId", "action", "product", "ip", "countryCode", "ipCategory"]);

/** to_char costs ~4 µs a row: the timestamp's own text form is ISO 8601 once the space becomes a T. */
const ISO_TIME_CELL = `translate((a.event_time AT TIME ZONE 'UTC')::text, ' ', 'T') || 'Z'`;

const csvField = (field: string): string => {
  if (field === "connectorName") return csvCell("c.name");
  if (field === "time") return ISO_TIME_CELL;
  if (field === "id") return "a.seq::text";
  const sql = FIELD_SQL[field as keyof ActivityRow];
  if (!sql) throw new Error(`unknown export column ${field}`);
  if (field === "ipTags") return csvCell("array_to_string(a.ip_tags, ' ')");
  if (field === "targets") return csvCell("a.targets::text");
  if (["isSystem", "isAdminAction", "isImpersonation", "lat", "lon"].includes(field)) return `coalesce(${sql}::text, '')`;
  // Values that never hold a comma, quote, line break or leading formula character need no quoting (≈ 1 µs a cell).
  if (SAFE_CSV_FIELDS.has(field)) return `coalesce(${sql}, '')`;
  return csvCell(sql);
};

const ndjsonLine = () =>
  `json_build_object(${Object.entries(FIELD_SQL)
    .map(([field, sql]) => `'${field}', ${sql}`)
    .join(", ")}, 'connectorName', c.name, 'raw', a.raw)::text`;

/**
 * One range of an export formatted by PostgreSQL into one string (parsing rows in the client is what would
 * make an export CPU-bound): the rows of the range that match every filter, free text included.
 */
export const findActivityExportText = async (
  filter: ActivityQueryFilter,
  range: ActivityRange,
  format: Readonly<{ kind: "csv"; columns: readonly string[] } | { kind: "ndjson" }>,
): Promise<string> => {
  const inner = buildActivityPageQuery(filter, range, null, { columns: format.kind === "csv" ? ROW_COLUMNS : `${ROW_COLUMNS}, a.raw` });
  const line = format.kind === "csv" ? `${format.columns.map(csvField).join(" || ',' || ")} || E'\\n'` : `${ndjsonLine()} || E'\\n'`;
  const { rows } = await getPgPool().query<{ text: string | null }>(
    `SELECT string_agg(${line}, '' ORDER BY a.event_time DESC, a.seq DESC) AS text FROM (${inner.text}) a LEFT JOIN connectors c ON c.id = a.connector_id`,
    inner.values,
  );
  return rows[0]?.text ?? "";
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
const copyField = (field: string): string => {
  if (field === "time") return ISO_TIME_CELL;
  if (field === "id") return "a.seq";
  if (field === "connectorName") return noFormula("c.name");
  if (field === "ipTags") return "array_to_string(a.ip_tags, ' ')";
  if (field === "targets") return "a.targets::text";
  const sql = FIELD_SQL[field as keyof ActivityRow];
  if (!sql) throw new Error(`unknown export column ${field}`);
  if (["isSystem", "isAdminAction", "isImpersonation", "lat", "lon"].includes(field)) return `${sql}::text`;
  return SAFE_CSV_FIELDS.has(field) ? sql : noFormula(sql);
};

/** One range of a CSV export without free text, through COPY. */
export const copyActivityCsvRange = async (filter: Omit<ActivityQueryFilter, "text">, range: ActivityRange, columns: readonly string[]): Promise<Buffer> => {
  const inner = buildActivityPageQuery(filter, range, null, { columns: ROW_COLUMNS });
  return copyOut(
    `COPY (SELECT ${columns.map(copyField).join(", ")} FROM (${inner.text}) a LEFT JOIN connectors c ON c.id = a.connector_id
      ORDER BY a.event_time DESC, a.seq DESC) TO STDOUT WITH (FORMAT csv)`,
    inner.values,
  );
};
