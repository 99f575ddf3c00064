import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { EMBEDDED_APP_ROLE } from "./app-role";
import { startEmbeddedPostgres } from "./embedded-postgres";

const dataDir = mkdtempSync(path.join(tmpdir(), "watchpost-embedded-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const whoAmI = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ user: string }>("SELECT current_user AS user")).rows[0]?.user;
  } finally {
    await client.end();
  }
};

describe("embedded PostgreSQL roles", () => {
  it("gives the app its own role with a password kept in the data folder, also in a cluster made before that role", async () => {
    const first = await startEmbeddedPostgres({ dataDir, isEphemeral: true });
    try {
      expect(await whoAmI(first.url)).toBe(EMBEDDED_APP_ROLE);
      expect(await whoAmI(first.ownerUrl)).toBe("postgres");
      expect(statSync(path.join(dataDir, "pg-app-password")).mode & 0o777).toBe(0o600);
      // What a data folder from before this change looks like: only postgres, no app password file.
      const owner = new pg.Client({ connectionString: first.ownerUrl });
      await owner.connect();
      await owner.query(`DROP ROLE ${EMBEDDED_APP_ROLE}`);
      await owner.end();
    } finally {
      await first.stop();
    }
    unlinkSync(path.join(dataDir, "pg-app-password"));

    const upgraded = await startEmbeddedPostgres({ dataDir, isEphemeral: true });
    try {
      expect(existsSync(path.join(dataDir, "pg-app-password"))).toBe(true);
      expect(await whoAmI(upgraded.url)).toBe(EMBEDDED_APP_ROLE);
    } finally {
      await upgraded.stop();
    }
  });
});
