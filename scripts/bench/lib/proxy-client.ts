// Talking to the session proxy from benchmarks and the fault suite: the proxy as a process of its own (as
// `npm run proxy` runs it), and plain HTTP(S) requests to a site, directly or through the proxy, by Host header.
import { spawn } from "node:child_process";
import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from "node:http";
import { request as httpsRequest, type Agent as HttpsAgent } from "node:https";
import { PROXY_ENV, PROXY_LAUNCHER, PROXY_NODE_ARGS } from "../../../lib/server/runtime/children";
import { SIMULATED_PASSWORD } from "../../../lib/simulator/sites/credentials";

/**
 * The proxy as `npm run proxy` runs it (the launcher bundles it and runs it on plain node in one process, so its RSS is
 * the proxy's own), in a process group of its own; `env` adds to the caller's environment (DATABASE_URL,
 * WATCHPOST_PROXY_PORT, ...). BENCH_PROXY_NODE_ARGS adds node flags (e.g. --cpu-prof) for a profiling run.
 */
export const startProxyProcess = (env: Readonly<Record<string, string>>) => {
  const nodeArgs = process.env.BENCH_PROXY_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...PROXY_NODE_ARGS, ...nodeArgs, PROXY_LAUNCHER], {
    env: { ...PROXY_ENV, ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid ?? 0), name);
    } catch {
      // already gone
    }
  };
  return { child, pid: child.pid ?? 0, terminate: () => signal("SIGTERM"), kill: () => signal("SIGKILL") };
};

export type TTarget = Readonly<{ kind: "direct" | "proxy"; port: number; host: string }>;
export type TReply = Readonly<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number; ms: number }>;

/** One request; the body is counted, not kept. */
export const send = (target: TTarget, agent: HttpAgent | HttpsAgent, pathname: string, options: Readonly<{ method?: string; headers?: Record<string, string>; body?: string }> = {}) =>
  new Promise<TReply>((resolve, reject) => {
    const started = performance.now();
    const common = { host: "127.0.0.1", port: target.port, path: pathname, method: options.method ?? "GET", agent, headers: { Host: `${target.host}:${target.port}`, ...options.headers } };
    const onReply = (incoming: IncomingMessage) => {
      let bytes = 0;
      incoming.on("data", (chunk: Buffer) => (bytes += chunk.length));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, bytes, ms: performance.now() - started }));
      incoming.on("error", reject);
    };
    const outgoing =
      target.kind === "proxy"
        ? httpsRequest({ ...common, servername: target.host, rejectUnauthorized: false }, onReply)
        : httpRequest(common, onReply);
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });

/** Signs in with the site's form (directly or through the proxy) and returns the cookies to send afterwards. */
export const signIn = async (target: TTarget, agent: HttpAgent | HttpsAgent, email: string): Promise<string> => {
  const reply = await send(target, agent, "/login", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: SIMULATED_PASSWORD, continue: "/" }).toString(),
  });
  if (reply.status !== 303) throw new Error(`${target.kind} sign-in of ${email} answered ${reply.status}`);
  return [reply.headers["set-cookie"] ?? []]
    .flat()
    .map((c) => c.split(";")[0])
    .join("; ");
};

