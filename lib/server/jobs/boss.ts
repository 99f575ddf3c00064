import { PgBoss } from "pg-boss";
import type { z } from "zod";
import { getEnv } from "../../env";
import type { JobDefinition } from "./define-job";

/** pg-boss keeps its tables in their own schema of the same database. */
export const createBoss = (): PgBoss => {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  // LISTEN/NOTIFY wakes a worker the moment a job of a notify queue (sync) is created; polling stays the floor.
  return new PgBoss({ connectionString: url, schema: "pgboss", max: 5, useListenNotify: true });
};

/** Validates the payload before it is queued; the worker validates again when it runs. */
export const enqueue = async <S extends z.ZodType>(boss: PgBoss, job: JobDefinition<S>, payload: z.input<S>, options: { singletonKey?: string } = {}) =>
  boss.send(job.name, job.schema.parse(payload) as object, options);
