// npm run bench:catch-up [-- --minutes 3 --page 100]
// Rate-limited catch-up: the simulator enforces its defaults, Atlassian's documented 50 requests/min per API
// path and 60/min per user, in fixed windows with X-RateLimit-* headers; the org holds a backlog of more than
// `minutes` × 50 pages. Watchpost starts from its own defaults and follows the headers. Prints requests per
// minute on /events-stream and 429s per minute, and the share of the budget the server states. Targets: ≥ 95% of
// it, no 429 after the first minute.
import { parseArgs } from "node:util";
import pino from "pino";
import { demoScenario } from "../../lib/simulator/demo";
import { startSimulator } from "../../lib/simulator/start-simulator";
import { connectBenchOrg, startBenchDatabase } from "./bench-setup";

const { values } = parseArgs({ options: { minutes: { type: "string", default: "3" }, page: { type: "string", default: "100" } } });
const minutes = Number(values.minutes);
const pageLimit = Number(values.page);
/** The simulator's default per-path limit (lib/simulator/rate-limiter.ts): what its headers state. */
const BUDGET = 50;
const STREAM = "GET /admin/v1/orgs/{orgId}/events-stream";

const database = await startBenchDatabase("catch-up");
const sim = await startSimulator({ scenario: demoScenario(), scenarioEvents: Math.round(minutes * BUDGET * pageLimit * 1.1), rateLimits: {} });
try {
  const org = sim.orgs[0];
  if (!org) throw new Error("no org");
  const connector = await connectBenchOrg({ baseUrl: sim.baseUrl, orgId: org.id, apiKey: org.apiKeys[0] ?? "" }, 180);
  const { runSyncPass } = await import("../../lib/server/services/sync/run-sync-pass");
  const { updateConnector } = await import("../../lib/server/repositories/connector-repository");
  const stats = async () => {
    const body = (await (await fetch(`${sim.baseUrl}/__sim/stats`)).json()) as { requests: Record<string, Record<string, number>>; rateLimited: number };
    const stream = body.requests[STREAM] ?? {};
    return { requestsTotal: Object.values(stream).reduce((a, b) => a + b, 0), rateLimited: body.rateLimited };
  };

  const started = Date.now();
  const perMinute: { requests: number; rateLimited: number }[] = [];
  let last = await stats();
  const sampler = setInterval(() => {
    void stats().then((now) => {
      perMinute.push({ requests: now.requestsTotal - last.requestsTotal, rateLimited: now.rateLimited - last.rateLimited });
      last = now;
    });
  }, 60_000);
  while (Date.now() - started < minutes * 60_000) {
    const result = await runSyncPass({ connectorId: connector.id, workerId: "bench", budgetMs: 20_000, logger: pino({ level: "silent" }), pageLimit });
    if (result.outcome === "caught_up") break;
    // The scheduler would wait for nextRetryAt after a 429; the bench keeps going at once.
    if (result.outcome === "retrying") await updateConnector(connector.id, { nextRetryAt: null });
  }
  clearInterval(sampler);
  const { getConnectorOrThrow } = await import("../../lib/server/services/connectors/get-connectors");
  const learned = (await getConnectorOrThrow(connector.id)).rateBudgets.find((b) => b.family === "events-stream");
  const after = perMinute.slice(1);
  const steadyRate = after.length ? after.reduce((s, m) => s + m.requests, 0) / after.length : perMinute[0]?.requests ?? 0;
  console.log(
    JSON.stringify(
      {
        benchmark: "rate-limited catch-up",
        budgetPerMinute: BUDGET,
        learnedBudget: learned ? { perMinute: learned.perMinute, source: learned.source } : null,
        pageLimit,
        minutes: perMinute.map((m, i) => ({ minute: i + 1, requests: m.requests, rateLimited: m.rateLimited })),
        requestsPerMinuteAfterFirst: Math.round(steadyRate),
        shareOfBudget: Number((steadyRate / BUDGET).toFixed(3)),
        rateLimitedAfterFirstMinute: after.reduce((s, m) => s + m.rateLimited, 0),
        targets: { shareOfBudget: 0.95, rateLimitedAfterFirstMinute: 0 },
        meetsTargets: steadyRate / BUDGET >= 0.95 && after.every((m) => m.rateLimited === 0),
      },
      null,
      2,
    ),
  );
} finally {
  await sim.close();
  await (await import("../../lib/server/db")).disconnectDb();
  await database.stop();
  process.exit(0);
}
