import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * Node options of the web process: 64 MB young-generation semi-spaces (V8's default is 16 MB). Every API
 * request allocates its rows and its JSON; with the default, scavenges took a large share of the web process's
 * CPU under bench:load (50 clients): 172–184 requests/s and p95 462–610 ms, against 229 requests/s and p95
 * 399 ms with this (docs/benchmarks.md, Load). It costs up to ~100 MB more memory. package.json's "web"
 * script passes the same flag.
 */
export const WEB_NODE_OPTIONS = "--max-semi-space-size=64";

/**
 * The session proxy runs on plain node (scripts/proxy-launch.mjs bundles it) with 4 MB semi-spaces: its memory budget
 * is 200 MB under load (issue 21), and its requests allocate little that outlives a scavenge, so a small young
 * generation costs no throughput (docs/benchmarks.md, "Session proxy"). package.json's "proxy" script matches.
 */
export const PROXY_NODE_ARGS = ["--max-semi-space-size=4"] as const;
export const PROXY_LAUNCHER = path.join("scripts", "proxy-launch.mjs");
/**
 * glibc gives each thread that allocates its own malloc arena (up to 8 per core); the proxy's TLS and socket buffers
 * come from node's worker threads too, and the freed space stays in the arenas: 2 arenas measured ~18 MB less peak
 * RSS under bench:proxy (docs/benchmarks.md, "Session proxy").
 */
export const PROXY_ENV = { MALLOC_ARENA_MAX: "2" } as const;

/** Starts the session proxy (see PROXY_NODE_ARGS, PROXY_ENV) as a child process sharing our stdout/stderr. */
export const spawnProxy = (env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(process.execPath, [...PROXY_NODE_ARGS, path.join(process.cwd(), PROXY_LAUNCHER)], { env: { ...PROXY_ENV, ...env }, stdio: ["ignore", "inherit", "inherit"] });

/** `env` with `options` appended to its NODE_OPTIONS. */
export const withNodeOptions = (env: NodeJS.ProcessEnv, options: string): NodeJS.ProcessEnv => ({
  ...env,
  NODE_OPTIONS: [env.NODE_OPTIONS, options].filter(Boolean).join(" "),
});

/** Starts `tsx <entry>` as a child process sharing our stdout/stderr. */
export const spawnTsx = (entry: string, env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(path.join(process.cwd(), "node_modules", ".bin", "tsx"), [entry], { env, stdio: ["ignore", "inherit", "inherit"] });

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
export const stopChild = (child: ChildProcess, graceMs = 10_000): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });

/** Polls a URL until it answers (any HTTP status) or the child exits or time runs out. */
export const waitForHttp = async (url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  return false;
};
