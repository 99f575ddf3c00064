/** GET /api/v1/health response. */
export type THealth = Readonly<{
  status: "ok" | "degraded" | "down";
  database: { reachable: boolean; error?: string };
  migrations: { applied: boolean; pending: string[]; failed: string[] };
  worker: { heartbeatAgeSeconds: number | null; healthy: boolean };
  time: string;
}>;
