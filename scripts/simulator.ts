// npm run simulator -- --port 4010 [--seed 42] [--scenario file.json] [--demo] [--emit events.ndjson --events N]
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { demoScenario } from "../lib/simulator/demo";
import { generateHistory } from "../lib/simulator/scenario/generator";
import { historyEndMs, historyStartMs } from "../lib/simulator/scenario/load-scenario";
import { ZScenario, type TScenario } from "../lib/simulator/scenario/schema";
import { buildWorld } from "../lib/simulator/scenario/world";
import { startSimulator } from "../lib/simulator/start-simulator";

const USAGE = `Atlassian Admin API simulator (docs/simulator.md)

  npm run simulator -- [--port 4010] [--seed 42] [--scenario file.json] [--demo] [--no-live] [--no-rate-limits]
                        [--tls-port 4011 --tls-cert cert.pem --tls-key key.pem]   (also serve HTTPS, as Atlassian's sites)
  npm run simulator -- --emit events.ndjson --events 1000000 [--scenario file.json] [--seed 42]

Without --scenario the demo org is served (its live activity only with --demo).`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    "tls-port": { type: "string" },
    "tls-cert": { type: "string" },
    "tls-key": { type: "string" },
    seed: { type: "string" },
    scenario: { type: "string" },
    demo: { type: "boolean", default: false },
    "no-live": { type: "boolean", default: false },
    "no-rate-limits": { type: "boolean", default: false },
    emit: { type: "string" },
    events: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

const fail = (message: string): never => {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
};

const toInt = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : fail(`--${name} must be a non-negative integer`);
};

const readScenario = async (file: string): Promise<TScenario> => {
  const parsed = ZScenario.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  return fail(`invalid scenario ${file}:\n${issues.join("\n")}`);
};

/** --emit: writes generated events as NDJSON (processedAt order) without serving them. */
const emit = async (file: string, scenario: TScenario, seed: number | undefined, count: number | undefined): Promise<void> => {
  const world = buildWorld(scenario, seed ?? scenario.seed);
  const output = createWriteStream(file);
  const startedAt = performance.now();
  let written = 0;
  const nowMs = Date.now();
  const range = { startMs: historyStartMs(scenario, nowMs), endMs: historyEndMs(scenario, nowMs) };
  for (const batch of generateHistory(world, { ...range, maxEvents: count })) {
    const chunk = batch.events.map((event) => JSON.stringify(event)).join("\n");
    written += batch.events.length;
    if (chunk && !output.write(`${chunk}\n`)) await once(output, "drain");
  }
  output.end();
  await once(output, "finish");
  const seconds = (performance.now() - startedAt) / 1000;
  console.log(JSON.stringify({ file, events: written, seconds: Number(seconds.toFixed(2)) }));
};

const main = async (): Promise<void> => {
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const seed = toInt("seed", values.seed);
  const scenario = values.scenario ? await readScenario(values.scenario) : undefined;
  if (values.emit) return emit(values.emit, scenario ?? demoScenario(), seed, toInt("events", values.events));

  const tlsFiles = [values["tls-cert"], values["tls-key"]];
  if (values["tls-port"] !== undefined && tlsFiles.some((f) => !f)) fail("--tls-port needs --tls-cert and --tls-key (PEM files)");
  const tls =
    values["tls-port"] !== undefined
      ? { port: toInt("tls-port", values["tls-port"]), cert: await readFile(values["tls-cert"] ?? "", "utf8"), key: await readFile(values["tls-key"] ?? "", "utf8") }
      : undefined;
  const isDemo = values.demo || !scenario;
  const simulator = await startSimulator({
    port: toInt("port", values.port),
    seed,
    scenario,
    demo: isDemo,
    demoLive: values.demo && !values["no-live"] ? {} : false,
    rateLimits: { enabled: !values["no-rate-limits"] },
    tls,
  });
  console.log(`Atlassian Admin API simulator listening on ${simulator.baseUrl}${simulator.tlsPort ? ` and https://127.0.0.1:${simulator.tlsPort}` : ""}`);
  for (const org of simulator.orgs) {
    console.log(`  org "${org.name}"\n    org id:  ${org.id}\n    API key: ${org.apiKeys.join(", ")}`);
  }
  console.log(`Control API: ${simulator.baseUrl}/__sim/ (see docs/simulator.md). Ctrl-C stops.`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
};

await main();
