// Every benchmark `npm run bench` runs: its script, full-size and --quick arguments, and how to read its
// printed JSON into figures checked against the issue's targets.

/** One figure against its target; `meets` is null for a figure recorded without a target. */
export type TCheck = Readonly<{ figure: string; value: number | null; target: string | null; meets: boolean | null }>;

export type TBenchDefinition = Readonly<{
  name: string;
  issue: number;
  script: string;
  args: readonly string[];
  quickArgs: readonly string[];
  checks: (output: TJson) => TCheck[];
}>;

// Parsed JSON printed by a bench script: read defensively, a figure that is missing becomes null.
export type TJson = { [key: string]: unknown };

const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const at = (output: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as TJson)[key] : undefined), output);
const atMost = (figure: string, value: unknown, limit: number, unit = ""): TCheck => {
  const v = num(value);
  return { figure, value: v, target: `≤ ${limit.toLocaleString("en")}${unit}`, meets: v === null ? false : v <= limit };
};
const atLeast = (figure: string, value: unknown, limit: number, unit = ""): TCheck => {
  const v = num(value);
  return { figure, value: v, target: `≥ ${limit.toLocaleString("en")}${unit}`, meets: v === null ? false : v >= limit };
};
const info = (figure: string, value: unknown): TCheck => ({ figure, value: num(value), target: null, meets: null });
const maxOf = (values: unknown[]): number | null => {
  const numbers = values.map(num).filter((v): v is number => v !== null);
  return numbers.length ? Math.max(...numbers) : null;
};
const entries = (value: unknown): [string, unknown][] => (value && typeof value === "object" ? Object.entries(value) : []);

export const BENCHES: readonly TBenchDefinition[] = [
  {
    name: "startup",
    issue: 2,
    script: "scripts/bench/startup.ts",
    args: ["3"],
    quickArgs: ["1"],
    checks: (o) => [atMost("warm start, slowest (s)", at(o, "warmStartSeconds", "max"), 15, " s"), info("first start (s)", at(o, "firstStartSeconds"))],
  },
  {
    name: "simulator",
    issue: 3,
    script: "scripts/bench/simulator.ts",
    args: ["--events", "1000000"],
    quickArgs: ["--events", "100000", "--passes", "1"],
    checks: (o) => [atLeast("events-stream events/s", at(o, "eventsPerSecond"), 50_000), atMost("peak RSS (MB)", at(o, "rssMb", "peak"), 1024, " MB")],
  },
  {
    name: "backfill",
    issue: 4,
    script: "scripts/bench/backfill.ts",
    args: ["--events", "1000000"],
    quickArgs: ["--events", "50000"],
    checks: (o) => [
      atLeast("activities/s", at(o, "activitiesPerSecond"), 20_000),
      atLeast("ratio to the COPY ceiling", at(o, "ratioToCopy"), 0.5),
      info("COPY ceiling rows/s (all indexes)", at(o, "copyRowsPerSecond")),
    ],
  },
  {
    name: "catch-up",
    issue: 4,
    script: "scripts/bench/catch-up.ts",
    args: ["--minutes", "3", "--page", "100"],
    // 1.5 minutes: one full minute is sampled, so the share is the first minute's (a smoke run only).
    quickArgs: ["--minutes", "1.5", "--page", "100"],
    checks: (o) => [atLeast("share of the rate budget", at(o, "shareOfBudget"), 0.95), atMost("429s after the first minute", at(o, "rateLimitedAfterFirstMinute"), 0)],
  },
  {
    name: "steady",
    issue: 4,
    script: "scripts/bench/steady-state.ts",
    args: ["--seconds", "120", "--rate", "50"],
    quickArgs: ["--seconds", "30", "--rate", "50"],
    checks: (o) => [
      atMost("lag p95 (s)", at(o, "lagSeconds", "p95"), 15, " s"),
      atMost("worker peak RSS (MB)", at(o, "workerPeakRssMb"), 300, " MB"),
      atMost("events not stored", (num(at(o, "eventsExpected")) ?? 0) - (num(at(o, "eventsStored")) ?? 0), 0),
    ],
  },
  {
    name: "dashboard",
    issue: 5,
    script: "scripts/bench/dashboard.ts",
    args: ["--activities", "5000000"],
    quickArgs: ["--activities", "200000", "--iterations", "10", "--incremental", "50000"],
    checks: (o) => [atMost("dashboard p95, slowest range (ms)", maxOf(entries(at(o, "dashboard")).map(([, r]) => at(r, "p95Ms"))), 300, " ms"), info("activities", at(o, "activities"))],
  },
  {
    name: "activity-log",
    issue: 5,
    script: "scripts/bench/activity-log.ts",
    args: ["--activities", "5000000"],
    quickArgs: ["--activities", "200000", "--samples", "10", "--export-rows", "100000"],
    checks: (o) => [
      atMost("page p95, slowest filter (ms)", maxOf(entries(at(o, "pages")).flatMap(([, p]) => [at(p, "firstP95Ms"), at(p, "nextP95Ms")])), 50, " ms"),
      atLeast("CSV export rows/s", at(o, "export", "rowsPerSecond"), 100_000),
      info("activities", at(o, "activities")),
    ],
  },
  // Two processes: the services cache the environment (DATABASE_URL) at first use, so one process cannot move
  // on to the second part's fresh database.
  {
    name: "detection-latency",
    issue: 6,
    script: "scripts/bench/detection.ts",
    args: ["--skip", "throughput", "--seconds", "60", "--rate", "200"],
    quickArgs: ["--skip", "throughput", "--seconds", "20", "--rate", "200"],
    checks: (o) => [atMost("stored → alert p95 at 200/s (s)", at(o, "latency", "storedToAlertSeconds", "p95"), 5, " s")],
  },
  {
    name: "detection-throughput",
    issue: 6,
    script: "scripts/bench/detection.ts",
    args: ["--skip", "latency", "--activities", "1000000"],
    quickArgs: ["--skip", "latency", "--activities", "100000"],
    checks: (o) => [atLeast("engine activities/s", at(o, "throughput", "activitiesPerSecond"), 20_000)],
  },
  {
    name: "enrichment",
    issue: 6,
    script: "scripts/bench/enrichment.ts",
    args: [],
    quickArgs: [],
    checks: (o) => entries(at(o, "lines")).map(([, line]) => info(`ms per 500-activity page: ${String(at(line, "page"))}`, at(line, "msPerPage"))),
  },
  {
    name: "alert-triage",
    issue: 7,
    script: "scripts/bench/alert-triage.ts",
    args: ["--alerts", "100000", "--activities", "300000"],
    quickArgs: ["--alerts", "10000", "--activities", "50000", "--iterations", "5"],
    checks: (o) => [
      atMost("list p95, slowest case (ms)", maxOf(entries(at(o, "list")).map(([, f]) => at(f, "p95Ms"))), 300, " ms"),
      atMost("detail p95 (ms)", at(o, "detail", "p95Ms"), 100, " ms"),
      atMost("PATCH p95 (ms)", at(o, "patch", "p95Ms"), 100, " ms"),
      atMost("bulk change of 500 (ms)", at(o, "bulk500", "ms"), 2000, " ms"),
      atMost("egress re-evaluation (ms)", at(o, "egress", "ms"), 5000, " ms"),
    ],
  },
  {
    name: "notify",
    issue: 7,
    script: "scripts/bench/notify.ts",
    args: ["--alerts", "500", "--channels", "4"],
    quickArgs: ["--alerts", "100", "--channels", "2"],
    checks: (o) => [
      info("deliveries/s (50 ms receiver)", at(o, "healthy", "perSecond")),
      info("single message queued → delivered p95 (ms)", at(o, "singleMessage", "queuedToDeliveredP95Ms")),
    ],
  },
  {
    name: "governance",
    issue: 7,
    script: "scripts/bench/governance.ts",
    args: ["--users", "300", "--requests", "30"],
    quickArgs: ["--users", "60", "--requests", "10"],
    checks: (o) => [
      info("request → succeeded p95 (ms)", at(o, "requestToSucceededMs", "p95")),
      info("suspend burst, 1 worker (actions/s)", at(o, "suspendOneWorker", "perSecond")),
    ],
  },
  {
    name: "load",
    issue: 9,
    script: "scripts/bench/load.ts",
    args: ["--activities", "1000000", "--connections", "50", "--seconds", "60", "--rate", "200"],
    quickArgs: ["--activities", "100000", "--alerts", "5000", "--connections", "10", "--seconds", "15", "--rate", "200"],
    checks: (o) => [
      atMost("API p95 under load (ms)", at(o, "latencyMs", "p95"), 500, " ms"),
      atMost("errors (non-2xx included)", at(o, "errors", "total"), 0),
      atMost("ingestion lag p95 during the load (s)", at(o, "ingestion", "lagSeconds", "p95"), 15, " s"),
      info("requests/s", at(o, "requestsPerSecond")),
    ],
  },
  {
    name: "latency",
    issue: 17,
    script: "scripts/bench/latency.ts",
    args: ["--seconds", "120", "--rate", "50"],
    quickArgs: ["--seconds", "30", "--rate", "50"],
    // A run with samples missing exits 2 (recorded as failed); a missed p95 is a measurement.
    checks: (o) =>
      (["fresh", "after_kill9"] as const).flatMap((run) => [
        atMost(`${run}: visible → activity stored p95 (s)`, at(o, "runs", run, "activityStored", "p95"), 3, " s"),
        atMost(`${run}: visible → alert stored p95 (s)`, at(o, "runs", run, "alertStored", "p95"), 4, " s"),
        atMost(`${run}: visible → webhook received p95 (s)`, at(o, "runs", run, "webhookReceived", "p95"), 6, " s"),
      ]),
  },
  {
    name: "scale",
    issue: 23,
    script: "scripts/bench/scale.ts",
    args: ["--activities", "20000000"],
    quickArgs: ["--activities", "1000000", "--seconds", "60"],
    checks: (o) => [
      ...entries(at(o, "activityLogPages")).map(([filter, r]) => atMost(`activity log ${filter}: first page p95 (ms)`, at(r, "firstP95Ms"), 50, " ms")),
      atMost("dashboard 90d p95 (ms)", at(o, "dashboard90d", "p95Ms"), 300, " ms"),
      atMost("partition drop under ingestion (ms)", at(o, "retentionUnderIngestion", "dropMs"), 1000, " ms"),
      atMost("ingestion lag p95 during retention (s)", at(o, "liveIngestion", "lagSeconds", "p95"), 5, " s"),
      info("disk per million activities (MB)", at(o, "disk", "perMillionActivitiesMb")),
    ],
  },
  {
    name: "partition-move",
    issue: 23,
    script: "scripts/bench/partition-move.ts",
    args: ["--activities", "5000000"],
    quickArgs: ["--activities", "200000"],
    checks: (o) => [
      info("move of the unpartitioned table (s)", at(o, "move", "seconds")),
      atMost("rows outside their month after the move", at(o, "after", "rowsOutsideTheirMonth"), 0),
      atMost("app errors during the move", at(o, "duringMove", "errorCount"), 0),
      info("first page p95 during the move (ms)", at(o, "duringMove", "readP95Ms")),
    ],
  },
];

/**
 * The JSON a bench printed on stdout: the whole output, else its last top-level object (a line that is just
 * `{`, as JSON.stringify(…, null, 2) prints), else JSON lines gathered as `{ lines: [...] }`.
 */
export const parseBenchOutput = (stdout: string): TJson | null => {
  const tryParse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const whole = tryParse(stdout.trim());
  if (whole && typeof whole === "object" && !Array.isArray(whole)) return whole as TJson;
  const lines = stdout.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i] !== "{") continue;
    const parsed = tryParse(lines.slice(i).join("\n").trim());
    if (parsed && typeof parsed === "object") return parsed as TJson;
  }
  const jsonLines = lines.map((line) => (line.startsWith("{") ? tryParse(line) : undefined)).filter((v) => v && typeof v === "object");
  return jsonLines.length ? { lines: jsonLines } : null;
};
