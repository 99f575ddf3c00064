import type { z } from "zod";
import type { Logger } from "../logger";

/** A background job: its queue settings, payload schema (checked on enqueue and dequeue) and handler. */
export type JobDefinition<S extends z.ZodType = z.ZodType> = Readonly<{
  name: string;
  schema: S;
  /** pg-boss queue options: every job states retries and expiry explicitly. */
  queue: Readonly<{
    retryLimit: number;
    retryDelay?: number;
    retryBackoff?: boolean;
    expireInSeconds: number;
    policy?: "standard" | "short" | "singleton" | "stately";
    /** Wake workers by NOTIFY when a job is created, instead of at their next poll. */
    notify?: boolean;
  }>;
  /** Cron schedule (UTC), if the job also runs periodically. */
  cron?: string;
  /** Offered by every worker this often (sub-minute polling, which cron cannot do); queue policy "short" keeps one queued. */
  everySeconds?: number;
  /** Concurrent handlers per worker process. */
  localConcurrency?: number;
  /** How often an idle worker asks for this queue's jobs (pg-boss default 2 s; at least 0.5). */
  pollingIntervalSeconds?: number;
  // Method syntax on purpose: a registry of different payload types must type-check.
  handler(payload: z.infer<S>, ctx: { logger: Logger; jobId: string; isStopping: () => boolean; claimant: number }): Promise<void>;
}>;

export const defineJob = <S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> => definition;
