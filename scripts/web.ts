// The web process: `npm run web` (npm start runs it for you). Next.js in production mode behind a tiny
// node:http server that pins x-forwarded-for to the client IP (the socket address, or the value
// WATCHPOST_TRUST_PROXY hops from the right), so sign-in throttling and the audit trail see the real client,
// adds HSTS over https, and refuses paths with malformed percent-escapes (400 instead of Next's 500).
// WATCHPOST_WEB_PROCESSES above 1 (default: one per core, at most 8): this process becomes the primary of that
// many such servers on the one port (lib/server/runtime/web-cluster.ts, docs/scaling.md).
import http from "node:http";
import next from "next";
import { EnvError, getEnv } from "../lib/env";
import { bindStoredSecretsAtStart } from "../lib/server/runtime/bind-stored-secrets";
import { clientIpBehindProxies } from "../lib/server/runtime/forwarded-for";
import { isServedOverHttps, STRICT_TRANSPORT_SECURITY } from "../lib/server/runtime/hsts";
import { hasDecodablePath, refuseMalformedUrl } from "../lib/server/runtime/malformed-url";
import { markProcessStopping } from "../lib/server/runtime/process-stopping";
import { refuseStartWithoutSecret } from "../lib/server/runtime/require-secret";
import { createResponseRecorder } from "../lib/server/runtime/response-recorder";
import { isWebClusterWorker, runWebPrimary } from "../lib/server/runtime/web-cluster";

/** In-flight requests get this long after a stop signal. */
const STOP_DEADLINE_MS = 3_000;

const fail = (message: string): never => {
  console.error(`watchpost web: ${message}`);
  process.exit(1);
};

const main = async () => {
  const isForked = isWebClusterWorker();
  // Checked once, by the primary (or the single process): a bad setting is one line, not one per process.
  if (!isForked) refuseStartWithoutSecret("web");
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
  if (!isForked) {
    // Before any request can open a stored secret: v1 values an upgrade left are rebound to their rows.
    const bound = await bindStoredSecretsAtStart(env).catch((error: unknown) => fail((error as Error).message));
    if (bound) (bound.isWarning ? console.error : console.log)(`watchpost web: ${bound.line}`);
  }
  if (!isForked && env.WATCHPOST_WEB_PROCESSES > 1) {
    return runWebPrimary({ processes: env.WATCHPOST_WEB_PROCESSES, port: env.PORT, stopDeadlineMs: STOP_DEADLINE_MS, say: (line) => console.log(`watchpost web: ${line}`), fail });
  }
  // next-auth builds redirects (and, unless told otherwise, decides Secure cookies) from NEXTAUTH_URL, which
  // only `npm start` sets: the site's own URL stands for it when the web is started on its own.
  if (env.WATCHPOST_URL) process.env.NEXTAUTH_URL ??= env.WATCHPOST_URL;
  // Test hook: the e2e suite records every response body for its secret-leak check (docs/security.md).
  const recordResponse = process.env.WATCHPOST_E2E_RESPONSE_LOG ? createResponseRecorder(process.env.WATCHPOST_E2E_RESPONSE_LOG) : null;
  const app = next({ dev: false, dir: process.cwd(), port: env.PORT, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    const trustedHops = env.WATCHPOST_TRUST_PROXY;
    req.headers["x-forwarded-for"] = clientIpBehindProxies({ forwardedFor: req.headers["x-forwarded-for"], socketAddress: req.socket.remoteAddress, trustedHops });
    if (trustedHops === 0) {
      delete req.headers["x-forwarded-proto"];
      delete req.headers["x-forwarded-host"];
    }
    if (isServedOverHttps({ siteUrl: env.WATCHPOST_URL, trustProxy: trustedHops > 0, forwardedProto: req.headers["x-forwarded-proto"] })) {
      res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }
    recordResponse?.(req, res);
    // Next.js answers malformed percent-escapes in the path with a bare 500: refuse them with a 400 first.
    if (!hasDecodablePath(req.url ?? "/")) return refuseMalformedUrl(res);
    void handle(req, res);
  });
  server.on("error", (error: NodeJS.ErrnoException) =>
    fail(error.code === "EADDRINUSE" ? `port ${env.PORT} is already in use; set PORT to a free port` : error.message),
  );
  server.listen(env.PORT, () => !isForked && console.log(`watchpost web: listening on port ${env.PORT}`));

  // One line when stopping; open keep-alive connections must not hold the process (Ctrl-C stops all at once).
  let isStopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    markProcessStopping();
    const started = Date.now();
    const exit = () => {
      // Forked: the primary says it once for all.
      if (!isForked) console.log(`watchpost web: stopped (${signal}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      process.exit(0);
    };
    server.close(exit);
    server.closeIdleConnections();
    setTimeout(exit, STOP_DEADLINE_MS).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
};

void main();
