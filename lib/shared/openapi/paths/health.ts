import { z } from "zod";
import type { TEndpointSpec } from "../endpoint";

const ZHealth = z.object({
  status: z.enum(["ok", "degraded", "down"]),
  database: z.object({ reachable: z.boolean(), error: z.string().optional() }),
  migrations: z.object({ applied: z.boolean(), pending: z.array(z.string()), failed: z.array(z.string()) }),
  worker: z.object({ heartbeatAgeSeconds: z.number().nullable(), healthy: z.boolean() }),
  time: z.string(),
});

export const healthEndpoints: readonly TEndpointSpec[] = [
  { method: "get", path: "/api/v1/openapi.json", summary: "This OpenAPI 3.1 document (generated from the handlers' zod schemas)", tag: "System", auth: "none", response: z.record(z.string(), z.unknown()) },
  { method: "get", path: "/api/v1/health", summary: "Database, migrations and worker heartbeat (503 when down)", tag: "System", auth: "none", response: ZHealth },
];
