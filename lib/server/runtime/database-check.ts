import pg from "pg";

/** Connects once; resolves to null when reachable, else a one-line reason without the password. */
export const checkDatabase = async (url: string): Promise<string | null> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split("\n")[0] ?? "connection failed" : "connection failed";
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** host:port/db of a URL, never the credentials: for messages. */
export const describeDatabaseUrl = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
};
