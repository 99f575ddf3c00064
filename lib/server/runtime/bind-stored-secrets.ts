import pg from "pg";
import { decryptLegacySecret, encryptSecret, SecretBoxError } from "../crypto/secret-box";
import { bindSecret, SECRET_COLUMNS } from "../crypto/secret-columns";

/** One-key advisory lock: two processes starting at once convert one after the other (7_215_301 and _306 are taken). */
const BIND_LOCK = 7_215_307;

export type BindOutcome = Readonly<{
  /** v1 values re-encrypted as v2, per "table.column". */
  converted: Readonly<Record<string, number>>;
  /** v1 values this WATCHPOST_SECRET cannot open ("table.column row-id"): left as they are, and refused on use. */
  unreadable: readonly string[];
}>;

const total = (outcome: BindOutcome) => Object.values(outcome.converted).reduce((sum, n) => sum + n, 0);

/**
 * The data migration of issue 18 item 16: every secret still in the unbound v1 format is re-encrypted as v2,
 * bound to its table, column and row (secret-box.ts), which from now on is the only format decryptSecret
 * accepts. SQL migrations cannot do it (the key comes from WATCHPOST_SECRET), so it runs in app code, on its
 * own connection, before the web or worker opens a secret. One transaction under an advisory lock, rows locked
 * as read: idempotent (a second run finds no v1 value) and safe when processes start together. Needs only
 * SELECT and UPDATE on the secret columns' tables. A value the secret cannot open is never overwritten.
 */
export const bindStoredSecrets = async (options: Readonly<{ databaseUrl: string; secret: string }>): Promise<BindOutcome> => {
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: "watchpost-bind-secrets" });
  client.on("error", () => undefined);
  await client.connect();
  const converted: Record<string, number> = {};
  const unreadable: string[] = [];
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [BIND_LOCK]);
    for (const column of SECRET_COLUMNS) {
      const name = `${column.table}.${column.column}`;
      const { rows } = await client.query<{ id: string; box: string }>(
        `SELECT id::text AS id, "${column.column}" AS box FROM "${column.table}" WHERE "${column.column}" LIKE 'v1:%' ORDER BY id FOR UPDATE`,
      );
      let count = 0;
      for (const row of rows) {
        let plaintext: string;
        try {
          plaintext = decryptLegacySecret(row.box, options.secret, column);
        } catch (error) {
          if (!(error instanceof SecretBoxError)) throw error;
          unreadable.push(`${name} ${row.id}`);
          continue;
        }
        const box = encryptSecret(plaintext, options.secret, bindSecret(column, row.id));
        await client.query(`UPDATE "${column.table}" SET "${column.column}" = $2 WHERE id = $1::uuid`, [row.id, box]);
        count += 1;
      }
      converted[name] = count;
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  return { converted, unreadable };
};

/** How many values are still in the v1 format (db:migrate:deploy without WATCHPOST_SECRET). */
export const countLegacySecrets = async (databaseUrl: string): Promise<number> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => undefined);
  await client.connect();
  try {
    let count = 0;
    for (const { table, column } of SECRET_COLUMNS) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" LIKE 'v1:%'`);
      count += rows[0]?.n ?? 0;
    }
    return count;
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** The log line of an upgrade that did something, or null (nothing was in the v1 format). */
export const describeBindOutcome = (outcome: BindOutcome): string | null => {
  const count = total(outcome);
  if (count === 0 && outcome.unreadable.length === 0) return null;
  const parts = Object.entries(outcome.converted).filter(([, n]) => n > 0).map(([name, n]) => `${name} ${n}`);
  const done = `stored secrets: ${count} v1 value(s) re-encrypted as v2, bound to their rows${parts.length ? ` (${parts.join(", ")})` : ""}`;
  if (outcome.unreadable.length === 0) return done;
  const shown = outcome.unreadable.slice(0, 5).join(", ") + (outcome.unreadable.length > 5 ? ", …" : "");
  return `${done}; ${outcome.unreadable.length} cannot be decrypted with this WATCHPOST_SECRET and stay refused until entered again (${shown})`;
};

/**
 * The start of `npm run web` and `npm run worker`: converts what an upgrade left before this process opens a
 * secret (`npm start` and `npm run db:migrate:deploy` convert first, so this usually finds nothing). The line
 * to log (a warning when some value stays unreadable), or null. Without DATABASE_URL there is nothing it can
 * reach: the process fails on its first query, as before.
 */
export const bindStoredSecretsAtStart = async (
  env: Readonly<{ DATABASE_URL?: string; WATCHPOST_SECRET?: string }>,
): Promise<Readonly<{ line: string; isWarning: boolean }> | null> => {
  if (!env.DATABASE_URL || !env.WATCHPOST_SECRET) return null;
  try {
    const outcome = await bindStoredSecrets({ databaseUrl: env.DATABASE_URL, secret: env.WATCHPOST_SECRET });
    const line = describeBindOutcome(outcome);
    return line ? { line, isWarning: outcome.unreadable.length > 0 } : null;
  } catch (error) {
    throw new Error(`stored secrets could not be converted to the row-bound v2 format (${(error as Error).message}): run npm run db:migrate:deploy with WATCHPOST_SECRET set, then start again`);
  }
};
