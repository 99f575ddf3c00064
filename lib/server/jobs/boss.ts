import { PgBoss } from "pg-boss";
import type { z } from "zod";
import { getEnv } from "../../env";
import { PGBOSS_SCHEMA } from "../runtime/pgboss-schema";
import type { JobDefinition } from "./define-job";

/**
 * The worker's pg-boss, as the app role: `migrate: false` only checks the schema version (the owner installs and
 * migrates it: migrate-database.ts), and `reindex: false` leaves index rebuilds to the owner too (it cannot REINDEX
 * tables it does not own; bloat is still detected).
 */
export const createBoss = (): PgBoss => {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  // LISTEN/NOTIFY wakes a worker the moment a job of a notify queue (sync) is created; polling stays the floor.
  return new PgBoss({ connectionString: url, schema: PGBOSS_SCHEMA, max: 5, useListenNotify: true, migrate: false, reindex: false });
};

/** Validates the payload before it is queued; the worker validates again when it runs. */
export const enqueue = async <S extends z.ZodType>(boss: PgBoss, job: JobDefinition<S>, payload: z.input<S>, options: { singletonKey?: string } = {}) =>
  boss.send(job.name, job.schema.parse(payload) as object, options);
