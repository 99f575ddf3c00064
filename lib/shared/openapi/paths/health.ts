import { z } from "zod";
import { ZHealth } from "../../schemas/health";
import type { TEndpointSpec } from "../endpoint";

export const healthEndpoints: readonly TEndpointSpec[] = [
  { method: "get", path: "/api/v1/openapi.json", summary: "This OpenAPI 3.1 document (generated from the handlers' zod schemas)", tag: "System", auth: "none", response: z.record(z.string(), z.unknown()) },
  { method: "get", path: "/api/v1/health", summary: "Database, migrations, worker heartbeat and processing lag (degraded when a lag is over 60 s; 503 when down)", tag: "System", auth: "none", response: ZHealth },
];
