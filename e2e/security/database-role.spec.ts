// Least privilege in PostgreSQL (issue 18, item 15): the web and the worker `npm start` runs connect as the app role,
// never as the embedded cluster's superuser that migrated the schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { ADMIN_STATE, DATA_DIR } from "../fixtures/env";

type TSession = Readonly<{ usename: string; application_name: string }>;

test("web and worker sessions log in as watchpost_app, which may not run programs", async ({ browser }) => {
  // runtime.json holds the URL npm start gave web and worker.
  const { databaseUrl } = JSON.parse(readFileSync(path.join(DATA_DIR, "runtime.json"), "utf8")) as { databaseUrl: string };
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  // The activity log reads through the web's own pg pool, which connects on demand.
  expect((await context.request.get("/api/v1/activities")).status()).toBe(200);
  await context.close();

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const sessions = async () =>
      (
        await client.query<TSession>(
          "SELECT usename, application_name FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
        )
      ).rows;
    await expect.poll(async () => (await sessions()).map((s) => s.application_name.replace(/-\d+$/, "")).filter((n) => /^watchpost-(web|worker)$/.test(n)).sort()).toEqual(
      expect.arrayContaining(["watchpost-web", "watchpost-worker"]),
    );
    expect(new Set((await sessions()).map((s) => s.usename))).toEqual(new Set(["watchpost_app"]));
    await expect(client.query("COPY (SELECT 1) TO PROGRAM 'true'")).rejects.toThrow(/permission denied/);
  } finally {
    await client.end();
  }
});
