// Least privilege in PostgreSQL (docs/security.md): the owner role runs migrations and sets up pg-boss; web and
// worker connect as a role that owns nothing and may only read and write rows.
import pg from "pg";
import { PGBOSS_SCHEMA } from "./pgboss-schema";

/** The login role of web and worker in the embedded database. */
export const EMBEDDED_APP_ROLE = "watchpost_app";

/** Every schema whose tables the app reads and writes: Prisma's and pg-boss's. A migration adding one adds it here. */
export const APP_SCHEMAS = ["public", PGBOSS_SCHEMA] as const;

const TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE";

const withClient = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** The role a connection URL logs in as. */
export const roleOfUrl = (url: string): string => decodeURIComponent(new URL(url).username);

/**
 * Creates the app's login role when missing (a cluster made before this role existed gets it on its next start) and
 * sets its password. Every attribute that would let it do more than DML is spelled out as off, also on a role that
 * existed already. Runs as a role that may create roles (the embedded cluster's superuser).
 */
export const ensureAppRole = async (adminUrl: string, options: Readonly<{ role: string; password: string }>): Promise<void> =>
  withClient(adminUrl, async (client) => {
    const role = client.escapeIdentifier(options.role);
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [options.role]);
    if (rowCount === 0) await client.query(`CREATE ROLE ${role}`);
    await client.query(
      `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(options.password)}`,
    );
  });

/**
 * Grants the app role what web and worker need, as the owner of the tables: USAGE on the schemas, row reads and writes
 * on their tables, sequences for defaults, EXECUTE on functions (triggers, pg-boss's), and only SELECT on Prisma's
 * migration history (the health check reads it). Default privileges cover what later migrations and pg-boss upgrades
 * create, and every migrate step runs this again: idempotent. No TRUNCATE: no runtime statement needs it.
 */
export const grantAppRole = async (options: Readonly<{ ownerUrl: string; appRole: string }>): Promise<void> =>
  withClient(options.ownerUrl, async (client) => {
    const app = client.escapeIdentifier(options.appRole);
    const { rows } = await client.query<{ db: string; owner: string }>("SELECT current_database() AS db, current_user AS owner");
    const owner = client.escapeIdentifier(rows[0]!.owner);
    const statements = [
      `GRANT CONNECT ON DATABASE ${client.escapeIdentifier(rows[0]!.db)} TO ${app}`,
      // PostgreSQL 14 and older let every role create tables in public; 15+ already does not.
      "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
    ];
    for (const name of APP_SCHEMAS) {
      const schema = client.escapeIdentifier(name);
      statements.push(
        `GRANT USAGE ON SCHEMA ${schema} TO ${app}`,
        `GRANT ${TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA ${schema} TO ${app}`,
        `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${app}`,
        `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO ${app}`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT ${TABLE_PRIVILEGES} ON TABLES TO ${app}`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT EXECUTE ON FUNCTIONS TO ${app}`,
      );
    }
    statements.push(`REVOKE INSERT, UPDATE, DELETE ON public._prisma_migrations FROM ${app}`);
    await client.query("BEGIN");
    try {
      for (const sql of statements) await client.query(sql);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });

/** Server roles whose members can run programs or read and write the server's files (COPY … TO PROGRAM, pg_read_file). */
export const SERVER_ACCESS_ROLES = ["pg_execute_server_program", "pg_read_server_files", "pg_write_server_files"] as const;

/**
 * What the role of `url` may do beyond reading and writing rows, in one line each; empty when nothing. The supervisor
 * prints these at start for DATABASE_URL, and the least-privilege test asserts there are none.
 */
export const describeExcessPrivileges = async (url: string): Promise<string[]> =>
  withClient(url, async (client) => {
    const { rows } = await client.query<{ role: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean; server: string[]; creatable: string[]; owned: string[] }>(
      `SELECT current_user AS role, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
         ARRAY(SELECT s FROM unnest($1::text[]) s WHERE pg_has_role(current_user, s, 'MEMBER')) AS server,
         ARRAY(SELECT nspname::text FROM pg_namespace WHERE has_schema_privilege(oid, 'CREATE') AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' ORDER BY 1) AS creatable,
         ARRAY(SELECT c.relnamespace::regnamespace::text || '.' || c.relname FROM pg_class c WHERE pg_has_role(current_user, c.relowner, 'USAGE')
                 AND c.relnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema') AND c.relnamespace::regnamespace::text NOT LIKE 'pg\\_%temp\\_%'
               UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE pg_has_role(current_user, nspowner, 'USAGE') AND nspname NOT LIKE 'pg\\_%'
                 AND nspname <> 'information_schema' ORDER BY 1 LIMIT 5) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
      [SERVER_ACCESS_ROLES],
    );
    const r = rows[0]!;
    const problems: string[] = [];
    if (r.rolsuper) problems.push(`role ${r.role} is a superuser`);
    const attributes = [r.rolcreaterole && "CREATEROLE", r.rolcreatedb && "CREATEDB", r.rolbypassrls && "BYPASSRLS"].filter(Boolean);
    if (!r.rolsuper && attributes.length) problems.push(`role ${r.role} has ${attributes.join(", ")}`);
    if (!r.rolsuper && r.server.length) problems.push(`role ${r.role} is a member of ${r.server.join(", ")}`);
    if (!r.rolsuper && r.creatable.length) problems.push(`role ${r.role} may create objects in schema ${r.creatable.join(", ")}`);
    if (r.owned.length) problems.push(`role ${r.role} owns ${r.owned.join(", ")}${r.owned.length === 5 ? ", …" : ""}`);
    return problems;
  });
