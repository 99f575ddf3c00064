// Talking to the session proxy from benchmarks and the fault suite: the proxy as a process of its own (as
// `npm run proxy` runs it), and plain HTTP(S) requests to a site, directly or through the proxy, by Host header.
import { spawn } from "node:child_process";
import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from "node:http";
import { request as httpsRequest, type Agent as HttpsAgent } from "node:https";
import { PROXY_ENV, PROXY_LAUNCHER, PROXY_NODE_ARGS } from "../../../lib/server/runtime/children";
import { ZCreateSessionPolicyInput, type TCreateSessionPolicyInput } from "../../../lib/shared/schemas/session-policies";
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

/** `tls`: a direct target over HTTPS (the simulator's TLS listener, as Atlassian's sites are); the proxy is always HTTPS. */
export type TTarget = Readonly<{ kind: "direct" | "proxy"; port: number; host: string; tls?: boolean }>;
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
      target.kind === "proxy" || target.tls
        ? httpsRequest({ ...common, servername: target.host, rejectUnauthorized: false, ...(process.env.BENCH_TLS_CIPHERS ? { ciphers: process.env.BENCH_TLS_CIPHERS } : {}) }, onReply)
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


const P = (name: string, controlType: string, filters: Record<string, unknown>, kind: "audit" | "block"): TCreateSessionPolicyInput =>
  ZCreateSessionPolicyInput.parse({ name, controlType, filters, action: { kind } });

/**
 * Twenty session policies as an org might run them (Defender's templates and variations), none of which matches a
 * page view of the bench's site by its users: every one is evaluated to the end on each request (bench:proxy).
 */
export const BENCH_SESSION_POLICIES: readonly TCreateSessionPolicyInput[] = [
  P("downloads to unmanaged devices", "control_download", { device: "unmanaged" }, "block"),
  P("exports from risky IPs", "block_activities", { ipTags: ["tor", "anonymous_proxy"], actions: ["proxy_export_page", "proxy_export_space", "proxy_export_issues"] }, "block"),
  P("downloads over 50 MB outside corporate", "control_download", { ipCategoriesExclude: ["corporate"], fileSizeAboveMb: 50 }, "block"),
  P("external users", "monitor", { externalUsers: true }, "audit"),
  P("watched accounts", "monitor", { users: ["ciso@acme.test", "contractor@partner.test"] }, "audit"),
  P("contractors group", "monitor", { groups: ["contractors"] }, "audit"),
  P("exports from sanctioned countries", "block_activities", { countries: ["KP", "IR", "SY"] }, "block"),
  P("executables", "control_download", { fileExtensions: ["exe", "bat", "ps1", "msi"] }, "block"),
  P("confidential files", "control_download", { fileNameContains: "confidential" }, "audit"),
  P("scripted clients", "monitor", { userAgents: ["curl", "python-requests", "wget"] }, "audit"),
  P("archives to unmanaged devices", "block_activities", { products: ["bitbucket"], actions: ["proxy_download_archive"], device: "unmanaged" }, "block"),
  P("other site", "monitor", { sites: ["other.atlassian.net"] }, "audit"),
  P("risky IPs", "monitor", { ipCategories: ["risky"] }, "audit"),
  P("archives outside corporate and VPN", "control_download", { ipCategoriesExclude: ["corporate", "vpn"], fileExtensions: ["zip", "tar", "gz"] }, "block"),
  P("admins in Jira", "monitor", { admins: true, products: ["jira"] }, "audit"),
  P("foreign device CA", "control_download", { device: "managed", certificateIssuers: ["Contoso Device CA"] }, "block"),
  P("sign-ins from abroad", "monitor", { actions: ["proxy_sign_in"], countries: ["CN", "RU"] }, "audit"),
  P("issue exports by watched accounts", "block_activities", { actions: ["proxy_export_issues"], users: ["ciso@acme.test"] }, "block"),
  P("temporary staff page views", "monitor", { actions: ["proxy_view_page"], groups: ["temporary-staff"] }, "audit"),
  P("huge Confluence files", "control_download", { fileSizeAboveMb: 500, products: ["confluence"] }, "block"),
];
