import { z } from "zod";

/** Health is `degraded` when anything has waited longer than this for detection, governance or notification. */
export const LAG_LIMIT_SECONDS = 60;

const ZAgeSeconds = z.number().int().nonnegative();

/** How long the oldest item of each processing stage has waited, in whole seconds (rounded up); 0 when nothing waits. */
export const ZProcessingLag = z.object({
  detectionSeconds: ZAgeSeconds.describe("Age of the oldest stored activity detection has not processed yet (since it was stored); 0 when none"),
  governanceSeconds: ZAgeSeconds.describe("Age of the oldest due pending governance action (since it became due); 0 when none"),
  notificationSeconds: ZAgeSeconds.describe("Age of the oldest due pending notification delivery (since it became due); 0 when none"),
});
export type TProcessingLag = z.infer<typeof ZProcessingLag>;

/** GET /api/v1/health response. Fields are only ever added: monitoring tools read them. */
export const ZHealth = z.object({
  /** ok; degraded (200) when the worker is stale or a lag is over LAG_LIMIT_SECONDS; down (503) when unusable. */
  status: z.enum(["ok", "degraded", "down"]),
  database: z.object({ reachable: z.boolean(), error: z.string().optional() }),
  migrations: z.object({ applied: z.boolean(), pending: z.array(z.string()), failed: z.array(z.string()) }),
  worker: z.object({ heartbeatAgeSeconds: z.number().nullable(), healthy: z.boolean() }),
  lag: z
    .object({
      detectionSeconds: ZProcessingLag.shape.detectionSeconds.nullable(),
      governanceSeconds: ZProcessingLag.shape.governanceSeconds.nullable(),
      notificationSeconds: ZProcessingLag.shape.notificationSeconds.nullable(),
      limitSeconds: z.number().describe("The limit each lag is held to"),
      healthy: z.boolean().describe("Every lag is within limitSeconds"),
    })
    .describe("Processing lag; the ages are null only when the database is unreachable"),
  time: z.string(),
});
export type THealth = Readonly<z.infer<typeof ZHealth>>;
