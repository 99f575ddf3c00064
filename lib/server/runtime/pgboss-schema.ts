import { PgBoss } from "pg-boss";
import pg from "pg";

/** pg-boss keeps its tables in their own schema of the same database. */
export const PGBOSS_SCHEMA = "pgboss";

const BAM_DEADLINE_MS = 30 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Installs or migrates pg-boss's schema as the owner, in the migrate step: the worker's pg-boss starts with
 * `migrate: false` (it only checks the version) because its role may not run DDL. Waits for the background index
 * builds a pg-boss upgrade queues (only a migrating instance runs them), then rebuilds bloated job indexes, which the
 * worker's pg-boss cannot do on tables it does not own.
 */
export const migratePgBoss = async (ownerUrl: string): Promise<void> => {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: PGBOSS_SCHEMA, max: 2, migrate: true, supervise: false, schedule: false });
  const errors: Error[] = [];
  boss.on("error", (error) => errors.push(error));
  await boss.start();
  try {
    const deadline = Date.now() + BAM_DEADLINE_MS;
    while ((await boss.getBamStatus()).some((s) => (s.status === "pending" || s.status === "in_progress") && s.count > 0) && Date.now() < deadline) await sleep(250);
    const reindex = await boss.getReindexCommands();
    if (reindex.length) {
      const client = new pg.Client({ connectionString: ownerUrl });
      await client.connect();
      try {
        for (const sql of reindex) await client.query(sql);
      } finally {
        await client.end();
      }
    }
  } finally {
    await boss.stop({ graceful: true, timeout: 5_000 });
  }
  if (errors[0]) throw errors[0];
};
