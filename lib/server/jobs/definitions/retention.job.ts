import { z } from "zod";
import { runRetention } from "../../services/retention/run-retention";
import { defineJob } from "../define-job";

/** Daily data retention (docs/retention.md): what is past its period goes, open alerts and legal holds stay. */
export const retentionJob = defineJob({
  name: "retention",
  schema: z.object({}).passthrough(),
  queue: { retryLimit: 3, retryDelay: 300, expireInSeconds: 3_600, policy: "singleton" },
  cron: "41 3 * * *",
  handler: async (_payload, { logger }) => {
    const result = await runRetention();
    logger.info(result, result.ran ? "retention done" : "retention skipped: another run holds the lock");
  },
});
